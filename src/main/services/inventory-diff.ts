import { socketKey, type InventoryDelta, type InventorySnapshot } from '../../shared/inventory'
import type { SocketEntry } from '../../shared/sockets'

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/**
 * What changed between two snapshots: sockets added, removed (by key) and changed (same key,
 * new state or owners), and the range lists only when they differ. Undefined when nothing did.
 */
export function diffInventory(
  before: InventorySnapshot | undefined,
  after: InventorySnapshot,
): InventoryDelta | undefined {
  const old = new Map<string, SocketEntry>()
  for (const s of before?.sockets ?? []) old.set(socketKey(s), s)
  const added: SocketEntry[] = []
  const changed: SocketEntry[] = []
  for (const s of after.sockets) {
    const key = socketKey(s)
    const prev = old.get(key)
    if (!prev) added.push(s)
    else if (!same(prev, s)) changed.push(s)
    old.delete(key)
  }
  const delta: InventoryDelta = {
    status: after.status,
    socketsAdded: added,
    socketsRemoved: [...old.keys()],
    socketsChanged: changed,
  }
  if (!before || !same(before.reservedRanges, after.reservedRanges)) {
    delta.reservedRanges = after.reservedRanges
  }
  if (!before || !same(before.dynamicRanges, after.dynamicRanges)) {
    delta.dynamicRanges = after.dynamicRanges
  }
  const quiet =
    before &&
    added.length + changed.length + delta.socketsRemoved.length === 0 &&
    !delta.reservedRanges &&
    !delta.dynamicRanges &&
    same(before.status.stale, after.status.stale) &&
    before.status.source === after.status.source
  return quiet ? undefined : delta
}
