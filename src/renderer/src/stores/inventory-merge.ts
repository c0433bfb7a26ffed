import {
  socketKey,
  type DynamicPortRange,
  type InventoryDelta,
  type InventorySnapshot,
  type InventoryStatus,
  type ReservedRange,
} from '../../../shared/inventory'
import type { SocketEntry } from '../../../shared/sockets'

/** The inventory as the renderer holds it: sockets by key for merging, plus an array for tables. */
export interface InventoryData {
  status: InventoryStatus
  reservedRanges: ReservedRange[]
  dynamicRanges: DynamicPortRange[]
  socketsByKey: ReadonlyMap<string, SocketEntry>
  /** `socketsByKey`'s values; a new array exactly when a socket was added, removed or changed. */
  sockets: readonly SocketEntry[]
}

export function fromSnapshot(snapshot: InventorySnapshot): InventoryData {
  const socketsByKey = new Map<string, SocketEntry>()
  for (const s of snapshot.sockets) socketsByKey.set(socketKey(s), s)
  return {
    status: snapshot.status,
    reservedRanges: snapshot.reservedRanges,
    dynamicRanges: snapshot.dynamicRanges,
    socketsByKey,
    sockets: [...socketsByKey.values()],
  }
}

/**
 * Applies one delta without mutating `data`. A status-only delta keeps the socket map and
 * array as they were, so a 65,536-row table does not re-sort when nothing in it changed.
 */
export function applyDelta(data: InventoryData, delta: InventoryDelta): InventoryData {
  const next: InventoryData = {
    ...data,
    status: delta.status,
    reservedRanges: delta.reservedRanges ?? data.reservedRanges,
    dynamicRanges: delta.dynamicRanges ?? data.dynamicRanges,
  }
  const touched =
    delta.socketsAdded.length + delta.socketsRemoved.length + delta.socketsChanged.length
  if (touched === 0) return next
  const byKey = new Map(data.socketsByKey)
  for (const key of delta.socketsRemoved) byKey.delete(key)
  for (const s of delta.socketsAdded) byKey.set(socketKey(s), s)
  for (const s of delta.socketsChanged) byKey.set(socketKey(s), s)
  next.socketsByKey = byKey
  next.sockets = [...byKey.values()]
  return next
}

/**
 * Deltas that arrived while the snapshot was on its way, filtered to those it may not include.
 * A delta read at the snapshot's own time is the one that produced it; applying it again is
 * harmless (adds and changes overwrite with equal entries, removals find nothing), while an
 * older one could resurrect a socket that has since gone, so only those are dropped.
 */
export function deltasAfter(
  snapshot: InventorySnapshot,
  deltas: readonly InventoryDelta[],
): InventoryDelta[] {
  // toISOString() always has the same width, so string order is time order.
  return deltas.filter((d) => d.status.takenAt >= snapshot.status.takenAt)
}
