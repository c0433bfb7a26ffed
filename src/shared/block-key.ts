// Zod-free, so the renderer can use it without pulling in the schemas.

/** "tcp 61000-61099": a block's range, the key its label is kept under. */
export const blockKey = (b: { protocol: string; startPort: number; count: number }): string =>
  `${b.protocol} ${b.startPort}-${b.startPort + b.count - 1}`
