import type { SocketListing } from '../../../shared/sockets'
import { dedupeSockets, dumpInetSockets } from './inet-diag'
import { readProcNet } from './proc-net'
import { scanSocketOwners } from './owners'

export interface ListSocketsOptions {
  /**
   * 'auto' (default) asks the kernel through NETLINK_SOCK_DIAG and falls back to /proc/net text
   * when that fails; the others use one source and let its errors through.
   */
  source?: 'auto' | 'netlink' | 'proc'
  /** Look up the processes holding each socket (default true); the costlier half of a listing. */
  owners?: boolean
}

/**
 * Every TCP and UDP socket of this network namespace, IPv4 and IPv6, with their owners, read
 * whole (the CLI's one-shot listings; the app's poller is SocketPoller, which reads changes).
 */
export function listSockets(options: ListSocketsOptions = {}): SocketListing {
  const { source = 'auto', owners = true } = options
  const listed = listUnowned(source)
  if (!owners) return { ...listed, ownersComplete: false }
  const scan = scanSocketOwners(new Set(listed.sockets.map((s) => s.inode)))
  for (const s of listed.sockets) {
    const found = s.inode === 0 ? undefined : scan.byInode.get(s.inode)
    if (found) s.owners = found // fresh entries: filled in place, no copy of 10,000 entries
  }
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
