import type { SocketEntry, SocketListing, SocketOwner } from '../../../shared/sockets'
import type { Iphlpapi } from './iphlpapi'
import { listSocketOwners } from './owners'
import type { ProcessNameCache } from './process-names'

/**
 * Every TCP and UDP socket with its owning process, from iphlpapi's owner-pid tables, named by
 * the backend's process-name cache (one process-list read per listing, names decoded only for
 * processes new since the last). Windows has no socket inodes or socket uids: both are
 * reported as 0. What these tables cannot show is listed in WINDOWS_LISTING_CAVEATS.
 */
export function listSockets(ip: Iphlpapi, names: ProcessNameCache): SocketListing {
  const nameOf = names.namer()
  let ownersComplete = true
  const sockets: SocketEntry[] = listSocketOwners(ip).map((row) => {
    const { pid, ...rest } = row
    const owners: SocketOwner[] = []
    // pid 0 (System Idle Process) stands for "no process": TIME_WAIT and other sockets whose
    // owner has gone. Such a socket has no owner to show.
    if (pid !== 0) {
      const name = nameOf(pid)
      if (name === undefined) ownersComplete = false
      owners.push({ pid, name: name ?? '' })
    }
    return { ...rest, inode: 0, uid: 0, owners }
  })
  return { source: 'iphlpapi', sockets, ownersComplete }
}
