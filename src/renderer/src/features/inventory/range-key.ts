import type { ReservedRange } from '../../../../shared/inventory'

/** A reserved range's identity in tables and on the map (and the React key of its row). */
export const rangeKey = (r: ReservedRange): string =>
  `${r.origin} ${r.startPort} ${r.protocols.join()}`

/** "40000–40999", or "50000" for a single port. */
export const rangeText = (r: { startPort: number; endPort: number }): string =>
  r.startPort === r.endPort ? String(r.startPort) : `${r.startPort}–${r.endPort}`
