import type { SocketEntry } from '../../src/shared/sockets'

/** A TCP/IPv4 listener on 127.0.0.1:`port` (inode = port) for pure tests; `patch` overrides. */
export const fakeSocket = (port: number, patch: Partial<SocketEntry> = {}): SocketEntry => ({
  protocol: 'tcp',
  family: 'ipv4',
  state: 'LISTEN',
  localAddress: '127.0.0.1',
  localPort: port,
  remoteAddress: '0.0.0.0',
  remotePort: 0,
  inode: port,
  uid: 0,
  owners: [],
  ...patch,
})
