import type { SocketEntry, SocketListing, SocketOwner } from '../../../shared/sockets'
import { dedupeSockets, dumpInetSockets } from './inet-diag'
import { readProcNet } from './proc-net'
import type { OwnerCache } from './owner-cache'
import { scanSocketOwners } from './owners'
import type { RecordCache } from './record-cache'

export interface ListSocketsOptions {
  /**
   * 'auto' (default) asks the kernel through NETLINK_SOCK_DIAG and falls back to /proc/net text
   * when that fails; the others use one source and let its errors through.
   */
  source?: 'auto' | 'netlink' | 'proc'
  /** Look up the processes holding each socket (default true); the costlier half of a listing. */
  owners?: boolean
  /** Owners remembered from the last listing (the poller's); every process is read without. */
  ownerCache?: OwnerCache
  /** Records remembered from the last dump (the poller's): unchanged sockets are not parsed. */
  recordCache?: RecordCache
}

const sameOwners = (a: readonly SocketOwner[], b: readonly SocketOwner[]) =>
  a === b ||
  (a.length === b.length &&
    a.every((o, i) => o.pid === b[i]!.pid && o.name === b[i]!.name && o.user === b[i]!.user))

/**
 * Each dumped entry with its owners, from the last listing: a socket whose record and owners
 * are both unchanged comes back as the very same object, which the poller's diff sees at once.
 */
const withOwners = new WeakMap<SocketEntry, SocketEntry>()

/** The last listing made with a record cache, for when nothing at all has changed since. */
const lastListing = new WeakMap<RecordCache, SocketListing>()
const lastInodes = new WeakMap<RecordCache, Set<number>>()

/** Every TCP and UDP socket of this network namespace, IPv4 and IPv6, with their owners. */
export function listSockets(options: ListSocketsOptions = {}): SocketListing {
  const { source = 'auto', owners = true, ownerCache, recordCache } = options
  const listed = listUnowned(source, recordCache)
  if (!owners) return { ...listed, ownersComplete: false }
  const last = recordCache && lastListing.get(recordCache)
  const inodes =
    last && recordCache.unchanged && lastInodes.get(recordCache)
      ? lastInodes.get(recordCache)! // the same sockets as last time
      : new Set(listed.sockets.map((s) => s.inode))
  if (recordCache) lastInodes.set(recordCache, inodes)
  const scan = ownerCache ? ownerCache.scan(inodes) : scanSocketOwners(inodes)
  // The same sockets, the same owners: the last listing itself, which the poller's diff sees
  // as unchanged without comparing 10,000 entries.
  if (last && recordCache.unchanged && !ownerCache?.stats.changed && last.source === listed.source)
    return last
  const { sockets } = listed
  for (let i = 0; i < sockets.length; i++) {
    const s = sockets[i]!
    const found = s.inode === 0 ? undefined : scan.byInode.get(s.inode)
    if (!found) continue
    if (!recordCache) {
      s.owners = found // a fresh entry: filled in place, no copy of 10,000 entries
      continue
    }
    // Kept entries are shared with the record cache: never changed, replaced by a copy.
    const before = withOwners.get(s)
    if (before && sameOwners(before.owners, found)) sockets[i] = before
    else withOwners.set(s, (sockets[i] = { ...s, owners: found }))
  }
  // Denied processes matter only if some socket that has descriptors was left without an owner.
  const ownersComplete =
    scan.complete || listed.sockets.every((s) => s.inode === 0 || s.owners.length > 0)
  const listing = { ...listed, ownersComplete }
  if (recordCache && ownerCache) lastListing.set(recordCache, listing)
  return listing
}

/** The sockets, owners not yet looked up, from the source asked for. */
function listUnowned(
  source: 'auto' | 'netlink' | 'proc',
  cache?: RecordCache,
): Pick<SocketListing, 'source' | 'sockets'> {
  if (source === 'proc') return { source: 'proc', sockets: readProcNet() }
  try {
    const dump = dumpInetSockets(cache)
    // A kernel without e.g. udp_diag still lists those sockets in /proc/net.
    const sockets =
      dump.unsupported.length === 0
        ? dump.records
        : dedupeSockets([...dump.records, ...readProcNet(dump.unsupported)])
    return { source: 'netlink', sockets }
  } catch (err) {
    if (source === 'netlink') throw err
    return { source: 'proc', sockets: readProcNet() }
  }
}
