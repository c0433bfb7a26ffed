// Zod-free (types only), so the renderer can use it without pulling the schema library in.
import type { ConnectionRequest } from './process-actions'
import type { SocketEntry, SocketState } from './sockets'

/** The fields of a listed socket that name it exactly (its ends and inode), for a close request. */
export const connectionOf = (s: SocketEntry): ConnectionRequest => ({
  protocol: s.protocol,
  family: s.family,
  localAddress: s.localAddress,
  localPort: s.localPort,
  remoteAddress: s.remoteAddress,
  remotePort: s.remotePort,
  inode: s.inode,
})

/** States in which a socket is a connection: a peer at the other end (one that can be closed). */
export const CONNECTED_STATES: ReadonlySet<SocketState> = new Set<SocketState>([
  'ESTABLISHED',
  'SYN_SENT',
  'SYN_RECV',
  'FIN_WAIT1',
  'FIN_WAIT2',
  'CLOSE_WAIT',
  'LAST_ACK',
  'CLOSING',
])
