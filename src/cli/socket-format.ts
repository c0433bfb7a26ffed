import type { SocketEntry } from '../shared/sockets'

/**
 * Addresses as `ss` prints them: IPv4 as is, IPv6 in brackets, a dual-stack IPv6 wildcard as
 * `*` (it takes IPv4 too) and an IPv6-only wildcard as `[::]`; the peer of an unconnected
 * socket as `*`.
 */
export function localEndpoint(s: SocketEntry): string {
  return `${hostPart(s, s.localAddress, true)}:${s.localPort}`
}

export function remoteEndpoint(s: SocketEntry): string {
  if (s.remotePort === 0) return `${hostPart(s, s.remoteAddress, false)}:*`
  return `${hostPart(s, s.remoteAddress, false)}:${s.remotePort}`
}

function hostPart(s: SocketEntry, address: string, local: boolean): string {
  if (s.family === 'ipv4') return address
  if (local && address === '::' && s.dualStack) return '*'
  if (!local && address === '::' && s.remotePort === 0) return s.dualStack ? '*' : '[::]'
  return `[${address}]`
}

/** ss's state names (`ss -l` etc.) and the kernel's, both accepted by --state. */
const STATE_ALIASES: Record<string, SocketEntry['state']> = {
  listen: 'LISTEN',
  listening: 'LISTEN',
  established: 'ESTABLISHED',
  estab: 'ESTABLISHED',
  'syn-sent': 'SYN_SENT',
  'syn-recv': 'SYN_RECV',
  'fin-wait-1': 'FIN_WAIT1',
  'fin-wait-2': 'FIN_WAIT2',
  'time-wait': 'TIME_WAIT',
  'close-wait': 'CLOSE_WAIT',
  'last-ack': 'LAST_ACK',
  closing: 'CLOSING',
  bound: 'BOUND',
  'bound-inactive': 'BOUND',
  unconn: 'UNCONN',
}

export const STATE_NAMES = Object.keys(STATE_ALIASES)

/** "time-wait", "TIME_WAIT", "Time-Wait" → 'TIME_WAIT'; undefined when unknown. */
export function parseState(text: string): SocketEntry['state'] | undefined {
  const key = text
    .toLowerCase()
    .replace(/_/g, '-')
    .replace(/^fin-wait(\d)$/, 'fin-wait-$1')
  return STATE_ALIASES[key]
}

/** What `ss -l` shows: listening TCP sockets and unconnected UDP ones. */
export const isListening = (s: SocketEntry): boolean =>
  s.state === 'LISTEN' || (s.protocol === 'udp' && s.state === 'UNCONN')
