import { z } from 'zod'
import { Port, Protocol } from './model'
import { SocketEntry, SocketListing } from './sockets'

/**
 * A range the OS keeps away from (some) binds: on Linux `ip_local_reserved_ports` (automatic
 * assignment only); on Windows an excluded port range (every bind, WSAEACCES).
 */
export const ReservedRange = z.strictObject({
  protocols: z.array(Protocol).min(1),
  startPort: Port,
  endPort: Port,
  /** Set by an administrator (Linux sysctl; Windows `*`-marked) rather than by the system. */
  administered: z.boolean(),
  /** Where the range comes from, e.g. "net.ipv4.ip_local_reserved_ports". */
  origin: z.string(),
})
export type ReservedRange = z.infer<typeof ReservedRange>

/** The range outgoing connections and bind(0) take ports from. */
export const DynamicPortRange = z.strictObject({
  protocols: z.array(Protocol).min(1),
  startPort: Port,
  endPort: Port,
  origin: z.string(),
})
export type DynamicPortRange = z.infer<typeof DynamicPortRange>

export const InventoryStatus = z.strictObject({
  /** When the data was last read successfully (ISO 8601). */
  takenAt: z.iso.datetime(),
  source: SocketListing.shape.source,
  ownersComplete: z.boolean(),
  pollIntervalMs: z.number().int().positive(),
  /** Set while polls fail: the data shown is the last good one. */
  stale: z.strictObject({ since: z.iso.datetime(), message: z.string() }).optional(),
  /**
   * Set when this reading could not read the reserved or dynamic ranges (netsh failed, or
   * printed no table, as under Wine): those lists are then the last ones read, empty if none
   * ever was — unknown, not "none". The sockets are read regardless.
   */
  rangesError: z.string().optional(),
})
export type InventoryStatus = z.infer<typeof InventoryStatus>

export const InventorySnapshot = z.strictObject({
  status: InventoryStatus,
  reservedRanges: z.array(ReservedRange),
  dynamicRanges: z.array(DynamicPortRange),
  sockets: z.array(SocketEntry),
})
export type InventorySnapshot = z.infer<typeof InventorySnapshot>

/** What changed since the previous push. Sockets are keyed by `socketKey`. */
export const InventoryDelta = z.strictObject({
  status: InventoryStatus,
  reservedRanges: z.array(ReservedRange).optional(),
  dynamicRanges: z.array(DynamicPortRange).optional(),
  socketsAdded: z.array(SocketEntry),
  socketsRemoved: z.array(z.string()),
  socketsChanged: z.array(SocketEntry),
})
export type InventoryDelta = z.infer<typeof InventoryDelta>

/** A socket's identity across polls (in socket-key.ts, which the renderer imports). */
export { socketKey } from './socket-key'
