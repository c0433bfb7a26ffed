import { socketKey, type InventoryDelta, type InventorySnapshot } from '../../shared/inventory'
import type { SocketEntry, SocketOwner } from '../../shared/sockets'

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

const sameOwners = (a: readonly SocketOwner[], b: readonly SocketOwner[]) =>
  a === b ||
  (a.length === b.length &&
    a.every((o, i) => o.pid === b[i]!.pid && o.name === b[i]!.name && o.user === b[i]!.user))

/**
 * Whether two entries with the same key (protocol, both ends, inode) differ in what the key
 * leaves out. Field by field: at 10,000 sockets a JSON comparison costs more than the dump.
 */
export const sameSocket = (a: SocketEntry, b: SocketEntry): boolean =>
  a.state === b.state &&
  a.uid === b.uid &&
  a.family === b.family &&
  a.dualStack === b.dualStack &&
  sameOwners(a.owners, b.owners)

/** Sockets added, changed and removed (keys), and the new reading by key for the next diff. */
export interface SocketDiff {
  added: SocketEntry[]
  changed: SocketEntry[]
  removed: string[]
  byKey: Map<string, SocketEntry>
}

export function diffSockets(
  before: ReadonlyMap<string, SocketEntry>,
  after: readonly SocketEntry[],
): SocketDiff {
  const byKey = new Map<string, SocketEntry>()
  const added: SocketEntry[] = []
  const changed: SocketEntry[] = []
  for (const s of after) {
    const key = socketKey(s)
    const prev = before.get(key)
    if (!prev) added.push(s)
    else if (!sameSocket(prev, s)) changed.push(s)
    byKey.set(key, s)
  }
  const removed: string[] = []
  for (const key of before.keys()) if (!byKey.has(key)) removed.push(key)
  return { added, changed, removed, byKey }
}

/**
 * What changed between two snapshots: sockets added, removed (by key) and changed (same key,
 * new state or owners), and the range lists only when they differ. Undefined when nothing did.
 * `sockets` is diffSockets' answer when the caller already has it (the poller keeps each
 * reading by key, so it never keys the same sockets twice).
 */
export function diffInventory(
  before: InventorySnapshot | undefined,
  after: InventorySnapshot,
  sockets?: SocketDiff,
): InventoryDelta | undefined {
  const { added, changed, removed } =
    sockets ??
    diffSockets(new Map((before?.sockets ?? []).map((s) => [socketKey(s), s])), after.sockets)
  const delta: InventoryDelta = {
    status: after.status,
    socketsAdded: added,
    socketsRemoved: removed,
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
    added.length + changed.length + removed.length === 0 &&
    !delta.reservedRanges &&
    !delta.dynamicRanges &&
    same(before.status.stale, after.status.stale) &&
    before.status.source === after.status.source &&
    before.status.ownersComplete === after.status.ownersComplete
  return quiet ? undefined : delta
}
