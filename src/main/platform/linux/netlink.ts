import koffi from 'koffi'
import { endianness } from 'node:os'
import { SOCK_CLOEXEC, libc } from './libc'

export const AF_NETLINK = 16
export const SOCK_RAW = 3
export const NETLINK_SOCK_DIAG = 4
const SOL_SOCKET = 1
const SO_RCVTIMEO = 20
const EINTR = 4

/** A bound on recv so a silent kernel cannot hang the caller: dumps are answered at once. */
const RECEIVE_TIMEOUT_SECONDS = 2

interface NetlinkCalls {
  /** https://man7.org/linux/man-pages/man2/sendto.2.html */
  sendto(fd: number, buf: Buffer, len: number, flags: number, addr: Buffer, addrlen: number): number
  /** https://man7.org/linux/man-pages/man2/recv.2.html */
  recv(fd: number, buf: Buffer, len: number, flags: number): number
}

let cached: NetlinkCalls | undefined

/** Binds the calls libc.ts lacks, once, on first use. */
function netlinkCalls(): NetlinkCalls {
  if (cached) return cached
  const lib = koffi.load('libc.so.6')
  cached = {
    sendto: lib.func(
      'intptr_t sendto(int fd, const void *buf, size_t len, int flags, ' +
        'const void *addr, uint32_t addrlen)',
    ),
    recv: lib.func('intptr_t recv(int fd, void *buf, size_t len, int flags)'),
  }
  return cached
}

/** A failed system call, with the errno that explains it. */
export class NetlinkError extends Error {
  constructor(
    readonly call: string,
    readonly errno: number,
  ) {
    super(`${call} failed on the netlink socket: errno ${errno}`)
    this.name = 'NetlinkError'
  }
}

/** struct sockaddr_nl of the kernel: family AF_NETLINK, port id 0, no groups. */
const KERNEL_ADDRESS = Buffer.alloc(12)
KERNEL_ADDRESS.writeUInt16LE(AF_NETLINK, 0)

export interface NetlinkSocket {
  send(message: Buffer): void
  /** Fills `into` with one datagram and returns its length. */
  receive(into: Buffer): number
  close(): void
}

/** struct timeval { long tv_sec; long tv_usec } in host order, for SO_RCVTIMEO. */
function receiveTimeout(seconds: number): Buffer {
  const longSize = koffi.sizeof('long')
  const timeval = Buffer.alloc(2 * longSize) // tv_usec stays 0
  const le = endianness() === 'LE'
  if (longSize === 8) {
    if (le) timeval.writeBigInt64LE(BigInt(seconds))
    else timeval.writeBigInt64BE(BigInt(seconds))
  } else if (le) timeval.writeInt32LE(seconds)
  else timeval.writeInt32BE(seconds)
  return timeval
}

/** Opens a NETLINK_SOCK_DIAG socket; throws NetlinkError when the kernel refuses one. */
export function openSockDiagSocket(): NetlinkSocket {
  const c = libc()
  const calls = netlinkCalls()
  const fd = c.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG)
  if (fd < 0) throw new NetlinkError('socket', c.errno())
  const timeout = receiveTimeout(RECEIVE_TIMEOUT_SECONDS)
  if (c.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, timeout, timeout.length) !== 0) {
    const errno = c.errno()
    c.close(fd)
    throw new NetlinkError('setsockopt(SO_RCVTIMEO)', errno)
  }
  return {
    send(message) {
      const n = calls.sendto(fd, message, message.length, 0, KERNEL_ADDRESS, KERNEL_ADDRESS.length)
      if (n !== message.length) throw new NetlinkError('sendto', n < 0 ? c.errno() : 0)
    },
    receive(into) {
      for (;;) {
        const n = calls.recv(fd, into, into.length, 0)
        if (n >= 0) return n
        const errno = c.errno()
        if (errno !== EINTR) throw new NetlinkError('recv', errno)
      }
    },
    close: () => void c.close(fd),
  }
}
