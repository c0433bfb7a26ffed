import type { SocketEntry, SocketListing, SocketOwner } from '../../../shared/sockets'
import type { Iphlpapi } from './iphlpapi'
import { processName, type Kernel32 } from './kernel32'
import { listSocketOwners } from './owners'

/**
 * Every TCP and UDP socket with its owning process, from iphlpapi's owner-pid tables. Windows
 * has no socket inodes or socket uids: both are reported as 0.
 */
export function listSockets(ip: Iphlpapi, k: Kernel32): SocketListing {
  const names = new Map<number, string | undefined>()
  const nameOf = (pid: number) => {
    if (!names.has(pid)) names.set(pid, pid === 0 ? undefined : safeName(k, pid))
    return names.get(pid)
  }
  let ownersComplete = true
  const sockets: SocketEntry[] = listSocketOwners(ip).map((row) => {
    const { pid, ...rest } = row
    const owners: SocketOwner[] = []
    // pid 0 is the System Idle process: TIME_WAIT and other sockets no process owns.
    if (pid !== 0) {
      const name = nameOf(pid)
      if (name === undefined) ownersComplete = false
      owners.push({ pid, name: name ?? '' })
    }
    return { ...rest, inode: 0, uid: 0, owners }
  })
  // GetExtendedTcpTable may, like /proc/net, leave out TCP sockets that are bound but not
  // listening (unverified on real Windows).
  return { source: 'iphlpapi', sockets, ownersComplete }
}

function safeName(k: Kernel32, pid: number): string | undefined {
  try {
    return processName(k, pid)
  } catch {
    return undefined
  }
}
