import type { SocketListing } from '../../../shared/sockets'
import { dedupeSockets, dumpInetSockets } from './inet-diag'
import { readProcNet } from './proc-net'
import type { OwnerCache } from './owner-cache'
import { scanSocketOwners } from './owners'

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
}

/** Every TCP and UDP socket of this network namespace, IPv4 and IPv6, with their owners. */
export function listSockets(options: ListSocketsOptions = {}): SocketListing {
  const { source = 'auto', owners = true, ownerCache } = options
  const listed = listUnowned(source)
  if (!owners) return { ...listed, ownersComplete: false }
  const inodes = new Set(listed.sockets.map((s) => s.inode))
  const scan = ownerCache ? ownerCache.scan(inodes) : scanSocketOwners(inodes)
  // Filled in place: copying 10,000 entries costs as much as the dump itself.
  for (const s of listed.sockets) if (s.inode !== 0) s.owners = scan.byInode.get(s.inode) ?? []
  // Denied processes matter only if some socket that has descriptors was left without an owner.
  const ownersComplete =
    scan.complete || listed.sockets.every((s) => s.inode === 0 || s.owners.length > 0)
  return { ...listed, ownersComplete }
}

/** The sockets, owners not yet looked up, from the source asked for. */
function listUnowned(
  source: 'auto' | 'netlink' | 'proc',
): Pick<SocketListing, 'source' | 'sockets'> {
  if (source === 'proc') return { source: 'proc', sockets: readProcNet() }
  try {
    const dump = dumpInetSockets()
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
