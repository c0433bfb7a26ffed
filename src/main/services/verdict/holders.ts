import { CONNECTED_STATES } from '../../../shared/connection'
import type { SocketEntry, SocketOwner } from '../../../shared/sockets'
import { shownAddress } from './overlap'

/**
 * The sockets on a port, grouped by who holds them, so a listener with 120 connections is one
 * holder with counts rather than 121 reasons.
 */
export interface HolderGroup {
  key: string
  kind: 'process' | 'unreadable' | 'kernel' | 'orphan' | 'time-wait'
  /** The processes holding the sockets (several after fork: a prefork server's workers). */
  owners: SocketOwner[]
  uid: number
  sockets: SocketEntry[]
}

/** Connections, and pending ones (NEW_SYN_RECV): a holder's connections are counted, not listed. */
const CONNECTED: ReadonlySet<string> = new Set([...CONNECTED_STATES, 'NEW_SYN_RECV'])

export function groupHolders(
  sockets: readonly SocketEntry[],
  ownersComplete: boolean,
): HolderGroup[] {
  const groups = new Map<string, HolderGroup>()
  for (const s of sockets) {
    let key: string
    let kind: HolderGroup['kind']
    if (s.state === 'TIME_WAIT') [key, kind] = ['time-wait', 'time-wait']
    else if (s.owners.length) {
      const pids = s.owners.map((o) => o.pid).sort((a, b) => a - b)
      ;[key, kind] = [`pid:${pids[0]}`, 'process']
    } else if (s.inode === 0) [key, kind] = ['orphan', 'orphan']
    else if (!ownersComplete) [key, kind] = [`uid:${s.uid}`, 'unreadable']
    else [key, kind] = ['kernel', 'kernel']
    const g = groups.get(key)
    if (g) {
      g.sockets.push(s)
      for (const o of s.owners) if (!g.owners.some((x) => x.pid === o.pid)) g.owners.push(o)
    } else groups.set(key, { key, kind, owners: [...s.owners], uid: s.uid, sockets: [s] })
  }
  for (const g of groups.values()) g.owners.sort((a, b) => a.pid - b.pid)
  return [...groups.values()]
}

/** Sockets by state, e.g. { LISTEN: 1, ESTABLISHED: 120 }. */
export function countStates(sockets: readonly SocketEntry[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const s of sockets) out[s.state] = (out[s.state] ?? 0) + 1
  return out
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`
const distinct = (xs: string[]) => [...new Set(xs)]
const list = (xs: string[]) =>
  xs.length <= 2 ? xs.join(' and ') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`

/** "LISTEN on 127.0.0.1 and 120 connections": what a holder has on the port. */
export function describeSockets(sockets: readonly SocketEntry[]): string {
  const parts: string[] = []
  const at = (state: string) =>
    list(
      distinct(sockets.filter((s) => s.state === state).map((s) => shownAddress(s.localAddress))),
    )
  const has = (state: string) => sockets.some((s) => s.state === state)
  if (has('LISTEN')) parts.push(`LISTEN on ${at('LISTEN')}`)
  if (has('BOUND')) parts.push(`bound without listening on ${at('BOUND')}`)
  if (has('UNCONN')) parts.push(`a UDP socket on ${at('UNCONN')}`)
  const connections = sockets.filter((s) => CONNECTED.has(s.state))
  if (connections.length === 1) {
    const c = connections[0]!
    parts.push(
      `a connection (${c.state}) from ${shownAddress(c.localAddress)} to ${shownAddress(c.remoteAddress)}:${c.remotePort}`,
    )
  } else if (connections.length > 1) parts.push(plural(connections.length, 'connection'))
  const timeWait = sockets.filter((s) => s.state === 'TIME_WAIT').length
  if (timeWait) parts.push(plural(timeWait, 'connection') + ' in TIME_WAIT')
  return list(parts)
}

/** "postgres (pid 27664, user postgres)", or several pids of a forked server. */
export function describeOwners(owners: readonly SocketOwner[]): string {
  const first = owners[0]
  if (!first) return 'a process'
  const user = first.user ? `, user ${first.user}` : ''
  const pids =
    owners.length === 1
      ? `pid ${first.pid}`
      : `pids ${owners
          .slice(0, 4)
          .map((o) => o.pid)
          .join(', ')}${owners.length > 4 ? ` and ${owners.length - 4} more` : ''}`
  return `${first.name || 'a process'} (${pids}${user})`
}
