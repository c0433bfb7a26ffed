import { socketKey, type InventoryDelta, type InventorySnapshot } from '../../shared/inventory'
import type { SocketEntry } from '../../shared/sockets'
import { sameOwners } from '../platform/socket-changes'

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/**
 * Whether two entries with the same key (protocol, both ends, inode) differ in what the key
 * leaves out. Field by field: at 10,000 sockets a JSON comparison costs more than the dump.
 */
export const sameSocket = (a: SocketEntry, b: SocketEntry): boolean =>
  a === b || // the lister hands back unchanged sockets as the same objects
  (a.state === b.state &&
    a.uid === b.uid &&
    a.family === b.family &&
    a.dualStack === b.dualStack &&
    sameOwners(a.owners, b.owners))

/**
 * A reading's sockets indexed for the next diff: by inode (a number: cheap to hash, and no key
 * string to build for the thousands of sockets that did not change), and by key for those
 * without one (TIME_WAIT, pending connections).
 */
export class SocketIndex {
  readonly byInode = new Map<number, SocketEntry>()
  readonly byKey = new Map<string, SocketEntry>()

  static of(sockets: Iterable<SocketEntry>): SocketIndex {
    const index = new SocketIndex()
    for (const s of sockets) index.add(s)
    return index
  }

  add(s: SocketEntry): void {
    if (s.inode !== 0) this.byInode.set(s.inode, s)
    else this.byKey.set(socketKey(s), s)
  }

  delete(s: SocketEntry): void {
    if (s.inode !== 0) this.byInode.delete(s.inode)
    else this.byKey.delete(socketKey(s))
  }
}

const sameEnds = (a: SocketEntry, b: SocketEntry) =>
  a.localPort === b.localPort &&
  a.remotePort === b.remotePort &&
  a.protocol === b.protocol &&
  a.localAddress === b.localAddress &&
  a.remoteAddress === b.remoteAddress

export interface SocketDiff {
  added: SocketEntry[]
  changed: SocketEntry[]
  /** socketKey of each socket that went away (or whose ends changed: a new key). */
  removed: string[]
  /** The new reading, indexed for the next diff. */
  index: SocketIndex
}

/** Sockets added, changed and removed between an indexed reading and the next one. */
export function diffSockets(before: SocketIndex, after: readonly SocketEntry[]): SocketDiff {
  const index = new SocketIndex()
  const added: SocketEntry[] = []
  const changed: SocketEntry[] = []
  const removed: string[] = []
  for (const s of after) {
    const prev = s.inode !== 0 ? before.byInode.get(s.inode) : before.byKey.get(socketKey(s))
    if (!prev) added.push(s)
    else if (!sameEnds(prev, s)) {
      removed.push(socketKey(prev)) // e.g. a bound socket that connected: another row now
      added.push(s)
    } else if (!sameSocket(prev, s)) changed.push(s)
    index.add(s)
  }
  for (const [inode, s] of before.byInode) if (!index.byInode.has(inode)) removed.push(socketKey(s))
  for (const key of before.byKey.keys()) if (!index.byKey.has(key)) removed.push(key)
  return { added, changed, removed, index }
}

/**
 * diffSockets' answer from what the lister says changed (socketChanges: entries that came and
 * went, by identity; every other entry is the same object as before), in time proportional
 * to the change, not to the listing. `index` (the reading before) is updated in place.
 */
export function diffChanges(
  index: SocketIndex,
  changes: { added: readonly SocketEntry[]; removed: readonly SocketEntry[] },
): SocketDiff {
  const keyOf = (s: SocketEntry) => (s.inode !== 0 ? s.inode : socketKey(s))
  const went = new Map<number | string, SocketEntry>()
  for (const s of changes.removed) {
    went.set(keyOf(s), s)
    index.delete(s)
  }
  const added: SocketEntry[] = []
  const changed: SocketEntry[] = []
  const removed: string[] = []
  for (const s of changes.added) {
    const key = keyOf(s)
    const prev = went.get(key)
    went.delete(key)
    if (!prev) added.push(s)
    else if (!sameEnds(prev, s)) {
      removed.push(socketKey(prev))
      added.push(s)
    } else if (!sameSocket(prev, s)) changed.push(s)
    index.add(s)
  }
  for (const s of went.values()) removed.push(socketKey(s))
  return { added, changed, removed, index }
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
    sockets ?? diffSockets(SocketIndex.of(before?.sockets ?? []), after.sockets)
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
    before.status.rangesError === after.status.rangesError &&
    before.status.source === after.status.source &&
    before.status.ownersComplete === after.status.ownersComplete
  return quiet ? undefined : delta
}
