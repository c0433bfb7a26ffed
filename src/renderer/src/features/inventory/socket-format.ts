import type { SocketEntry, SocketState } from '../../../../shared/sockets'

/** How a state reads in the table; the kernel's names except where they would mislead. */
export const stateLabel = (state: SocketState): string =>
  state === 'BOUND' ? 'bound (not listening)' : state

/** "TCP" or "TCPv6", as TCPView names them. */
export const protocolLabel = (s: SocketEntry): string =>
  s.protocol.toUpperCase() + (s.family === 'ipv6' ? 'v6' : '')

/** address:port, with IPv6 addresses in brackets so the port stays readable. */
export const endpoint = (address: string, port: number): string =>
  `${address.includes(':') ? `[${address}]` : address}:${port}`

const WILDCARDS = new Set(['0.0.0.0', '::', '*'])

/** The peer, or '' for a socket that has none (listening, bound, unconnected UDP). */
export const remoteEnd = (s: SocketEntry): string =>
  s.remotePort === 0 && WILDCARDS.has(s.remoteAddress)
    ? ''
    : endpoint(s.remoteAddress, s.remotePort)

/** "name (pid)" per owner; a socket shared after fork() lists every process. */
export const ownersLabel = (s: SocketEntry): string =>
  s.owners.map((o) => `${o.name} (${o.pid})`).join(', ')

/** The owners' user names, or the socket's uid when no owner could be read. */
export function usersLabel(s: SocketEntry): string {
  const names = [...new Set(s.owners.map((o) => o.user).filter((u) => u !== undefined))]
  return names.length ? names.join(', ') : `uid ${s.uid}`
}
