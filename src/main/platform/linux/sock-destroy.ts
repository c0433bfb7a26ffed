import { PortwardenError } from '../../../shared/errors'
import type { ConnectionRequest } from '../../../shared/process-actions'
import { diagRequest, LE, NLMSG_HDRLEN, scanSockets } from './diag-scan'
import { formatIPv4, formatIPv6 } from './inet-diag'
import { AF_INET, AF_INET6 } from './libc'
import type { NetlinkSocket } from './netlink'
import { openSockDiagSocket } from './netlink'

const NLMSG_ERROR = 2
const SOCK_DESTROY = 21
const NLM_F_REQUEST = 0x1
const NLM_F_ACK = 0x4
const ID_IN_RECORD = 20 // inet_diag_msg.id, from the nlmsghdr
const ID_SIZE = 48 // inet_diag_sockid: ports, addresses, interface and cookie
const TCP_TIME_WAIT = 6
const Err = { EPERM: 1, ENOENT: 2, EOPNOTSUPP: 95 } as const

/** The ends and inode a record names, to compare with what the user picked. */
function matches(v: DataView, at: number, want: ConnectionRequest): boolean {
  const format = v.getUint8(at + 16) === AF_INET ? formatIPv4 : formatIPv6
  return (
    v.getUint16(at + 20) === want.localPort &&
    v.getUint16(at + 22) === want.remotePort &&
    v.getUint32(at + 84, LE) === want.inode &&
    format(v, at + 24) === want.localAddress &&
    format(v, at + 40) === want.remoteAddress
  )
}

/**
 * The raw inet_diag_sockid (with interface and cookie) of the socket matching `want`, and its
 * state, from a fresh dump; undefined when it is not there any more.
 */
function findSocketId(socket: NetlinkSocket, want: ConnectionRequest) {
  let found: { id: Buffer; state: number } | undefined
  scanSockets(socket, want.family, want.protocol, 0xffffffff, (v, at) => {
    if (found || !matches(v, at, want)) return
    const bytes = new Uint8Array(v.buffer, v.byteOffset + at + ID_IN_RECORD, ID_SIZE)
    found = { id: Buffer.from(bytes), state: v.getUint8(at + 17) }
  })
  return found
}

/** Sends SOCK_DESTROY for exactly this id and returns the kernel's errno (0: done). */
function destroy(socket: NetlinkSocket, family: number, protocol: number, id: Buffer): number {
  const { message, seq: mine } = diagRequest(
    SOCK_DESTROY,
    NLM_F_REQUEST | NLM_F_ACK,
    family,
    protocol,
    0,
    id,
  )
  socket.send(message)
  const buffer = Buffer.alloc(4096)
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.length)
  for (;;) {
    const received = socket.receive(buffer)
    for (let at = 0; at + NLMSG_HDRLEN + 4 <= received;) {
      const len = view.getUint32(at, LE)
      if (len < NLMSG_HDRLEN) break
      if (view.getUint16(at + 4, LE) === NLMSG_ERROR && view.getUint32(at + 8, LE) === mine)
        return -view.getInt32(at + 16, LE)
      at += (len + 3) & ~3
    }
  }
}

const describe = (c: ConnectionRequest) =>
  `${c.protocol.toUpperCase()} ${c.localAddress}:${c.localPort} → ${c.remoteAddress}:${c.remotePort}`

/**
 * Closes one socket of any process, as `ss -K` does: finds it in a fresh sock_diag dump (so the
 * request carries its exact id, interface and cookie, and a socket that reused the same ends
 * since is never hit) and sends SOCK_DESTROY. The kernel aborts it: the peer gets a reset, the
 * owner's next call fails with ECONNABORTED. Needs CAP_NET_ADMIN and CONFIG_INET_DIAG_DESTROY.
 */
export function closeConnection(c: ConnectionRequest): void {
  const socket = openSockDiagSocket()
  try {
    const found = findSocketId(socket, c)
    if (!found)
      throw new PortwardenError(
        'not-found',
        `${describe(c)} is already closed.`,
        `inode ${c.inode}`,
      )
    if (c.protocol === 'tcp' && found.state === TCP_TIME_WAIT)
      throw new PortwardenError(
        'invalid-input',
        `${describe(c)} is in TIME_WAIT: it has already closed, and the kernel frees it within 60 s.`,
      )
    const errno = destroy(
      socket,
      c.family === 'ipv4' ? AF_INET : AF_INET6,
      c.protocol === 'tcp' ? 6 : 17,
      found.id,
    )
    if (errno === 0) return
    const detail = `SOCK_DESTROY for ${describe(c)} (inode ${c.inode}): errno ${errno}`
    if (errno === Err.EPERM)
      throw new PortwardenError(
        'permission-denied',
        'Closing a connection needs root (CAP_NET_ADMIN): run Portwarden with sudo, or end the process that holds it instead.',
        detail,
      )
    if (errno === Err.EOPNOTSUPP)
      throw new PortwardenError(
        'not-supported',
        'This kernel cannot close other processes’ sockets: it was built without CONFIG_INET_DIAG_DESTROY.',
        detail,
      )
    if (errno === Err.ENOENT)
      throw new PortwardenError('not-found', `${describe(c)} is already closed.`, detail)
    throw new PortwardenError('internal', `The kernel refused to close ${describe(c)}.`, detail)
  } finally {
    socket.close()
  }
}
