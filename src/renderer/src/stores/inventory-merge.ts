import type {
  DynamicPortRange,
  InventoryDelta,
  InventorySnapshot,
  InventoryStatus,
  ReservedRange,
} from '../../../shared/inventory'
import { socketKey } from '../../../shared/socket-key'
import type { SocketEntry } from '../../../shared/sockets'

/** How one `sockets` array differs from the one before it. */
export interface SocketsChange {
  /** The array this change was applied to: a table holding rows built from it can update them. */
  from: readonly SocketEntry[]
  /** Entries of `from` whose socket went away. */
  removed: readonly SocketEntry[]
  /** Entries of `from` replaced by a newer version of the same socket (in `entered`). */
  replaced: readonly SocketEntry[]
  /** Entries new in this array: added sockets, and the new versions of changed ones. */
  entered: readonly SocketEntry[]
}

/** The inventory as the renderer holds it. */
export interface InventoryData {
  status: InventoryStatus
  reservedRanges: ReservedRange[]
  dynamicRanges: DynamicPortRange[]
  /** Every socket, in no particular order; a new array exactly when one was added, removed or changed. */
  sockets: readonly SocketEntry[]
  /** How `sockets` came to be from the array before it (absent after a whole snapshot). */
  change?: SocketsChange
  /**
   * socketKey → position in the latest `sockets`. Updated in place by applyDelta (copying a
   * 65,536-entry map per push is what made a one-row change cost a frame), so only the latest
   * InventoryData's `positions` is right; the `sockets` arrays themselves are never changed.
   */
  positions: Map<string, number>
}

export function fromSnapshot(snapshot: InventorySnapshot): InventoryData {
  const positions = new Map<string, number>()
  const sockets: SocketEntry[] = []
  for (const s of snapshot.sockets) {
    const key = socketKey(s)
    const at = positions.get(key)
    if (at === undefined) positions.set(key, sockets.push(s) - 1)
    else sockets[at] = s
  }
  return {
    status: snapshot.status,
    reservedRanges: snapshot.reservedRanges,
    dynamicRanges: snapshot.dynamicRanges,
    sockets,
    positions,
  }
}

/**
 * Applies one delta in time proportional to the delta, not to the inventory: the socket array
 * is copied (a memcpy) and edited at the changed positions. A status-only delta keeps the
 * array as it was, so nothing downstream re-sorts when nothing in it changed.
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
  const sockets = data.sockets.slice()
  const { positions } = data
  const removed: SocketEntry[] = []
  const replaced: SocketEntry[] = []
  const entered: SocketEntry[] = []
  for (const key of delta.socketsRemoved) {
    const at = positions.get(key)
    if (at === undefined) continue
    removed.push(sockets[at]!)
    positions.delete(key)
    const last = sockets.pop()!
    if (at < sockets.length) {
      sockets[at] = last // the last entry fills the hole: no shifting 65,536 entries
      positions.set(socketKey(last), at)
    }
  }
  for (const s of [...delta.socketsAdded, ...delta.socketsChanged]) {
    const key = socketKey(s)
    const at = positions.get(key)
    if (at === undefined) positions.set(key, sockets.push(s) - 1)
    else {
      replaced.push(sockets[at]!)
      sockets[at] = s
    }
    entered.push(s)
  }
  next.sockets = sockets
  next.change = { from: data.sockets, removed, replaced, entered }
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
