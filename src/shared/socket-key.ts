import type { SocketEntry } from './sockets'

/**
 * A socket's identity across polls: its protocol, both ends and inode. Its own module, free of
 * zod at run time, so the renderer keys rows without loading the schemas.
 */
export const socketKey = (s: SocketEntry): string =>
  `${s.protocol} ${s.localAddress} ${s.localPort} ${s.remoteAddress} ${s.remotePort} ${s.inode}`
