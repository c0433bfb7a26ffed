/**
 * Random bytes from the Web Crypto object Node keeps on globalThis, so no module is imported for
 * them: tokens and temp-file names need a few, but a one-shot `portwarden check` or `sockets`
 * never does, and importing node:crypto up front cost each ~3 ms of start-up.
 */
export function randomBytes(size: number): Buffer {
  const bytes = Buffer.alloc(size)
  globalThis.crypto.getRandomValues(bytes)
  return bytes
}
