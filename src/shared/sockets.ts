import { z } from 'zod'
import { Protocol } from './model'

export const AddressFamily = z.enum(['ipv4', 'ipv6'])
export type AddressFamily = z.infer<typeof AddressFamily>

/**
 * A socket's state, named as the kernel names TCP states, plus two names for what TCP states
 * cannot say: 'BOUND' is a TCP socket bound but neither listening nor connected, 'UNCONN' a UDP
 * socket with no fixed peer. A connected UDP socket is 'ESTABLISHED'.
 */
export const SocketState = z.enum([
  'ESTABLISHED',
  'SYN_SENT',
  'SYN_RECV',
  'FIN_WAIT1',
  'FIN_WAIT2',
  'TIME_WAIT',
  'CLOSE_WAIT',
  'LAST_ACK',
  'LISTEN',
  'CLOSING',
  'NEW_SYN_RECV',
  'BOUND',
  'UNCONN',
  'UNKNOWN',
])
export type SocketState = z.infer<typeof SocketState>

const PortNumber = z.number().int().min(0).max(65535)

/** A process that holds a descriptor of the socket; after fork() several can. */
export const SocketOwner = z.strictObject({
  pid: z.number().int().positive(),
  /** The process name as the kernel keeps it (comm: at most 15 bytes). */
  name: z.string(),
  /** The user the process runs as, when the uid has a name. */
  user: z.string().optional(),
})
export type SocketOwner = z.infer<typeof SocketOwner>

export const SocketEntry = z.strictObject({
  protocol: Protocol,
  family: AddressFamily,
  state: SocketState,
  /** Dotted IPv4, or IPv6 as Node formats it (IPv4-mapped as ::ffff:a.b.c.d). */
  localAddress: z.string(),
  localPort: PortNumber,
  remoteAddress: z.string(),
  remotePort: PortNumber,
  /** 0 for sockets no descriptor refers to any more (TIME_WAIT, pending connections). */
  inode: z.number().int().min(0),
  uid: z.number().int().min(0),
  /** IPv6 socket that accepts IPv4 too (IPV6_V6ONLY off); absent when the source cannot tell. */
  dualStack: z.boolean().optional(),
  /**
   * TIME_WAIT only: milliseconds until the kernel drops it. Only in listings made for verdicts
   * (dumpTimeWait); the polled inventory leaves it out, so a countdown is not a change.
   */
  expiresMs: z.number().int().min(0).optional(),
  owners: z.array(SocketOwner),
})
export type SocketEntry = z.infer<typeof SocketEntry>

export const SocketListing = z.strictObject({
  /** Where the list came from: inet_diag, or /proc/net text (blind to 'BOUND' sockets). */
  source: z.enum(['netlink', 'proc', 'iphlpapi']),
  sockets: z.array(SocketEntry),
  /** False when some sockets may lack owners because other users' processes were unreadable. */
  ownersComplete: z.boolean(),
})
export type SocketListing = z.infer<typeof SocketListing>
