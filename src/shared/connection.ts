// Zod-free (types only), so the renderer can use it without pulling the schema library in.
import type { ConnectionRequest } from './process-actions'
import type { SocketEntry } from './sockets'

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
