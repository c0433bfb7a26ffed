import { readFileSync } from 'node:fs'
import type { Protocol } from '../../../shared/model'
import {
  AF_INET,
  AF_INET6,
  Errno,
  IPPROTO_IPV6,
  IPV6_V6ONLY,
  SOCK_CLOEXEC,
  SOCK_DGRAM,
  SOCK_STREAM,
  libc,
} from './libc'
import {
  SOCKADDR_IN6_SIZE,
  SOCKADDR_IN_SIZE,
  wildcardSockaddrIn,
  wildcardSockaddrIn6,
} from './sockaddr'

/** The outcome of binding one port: the descriptor, or the errno that stopped it. */
export type BindOutcome = { ok: true; fd: number } | { ok: false; errno: number }

const V6ONLY_OFF = Buffer.alloc(4) // int 0: accept IPv4 too (dual-stack)
// One address buffer per family, reused: bind() copies it, and a 1,000-port block then costs
// no allocations.
const addr6 = wildcardSockaddrIn6(0)
const addr4 = wildcardSockaddrIn(0)

let ipv6Available: boolean | undefined
let v6OnlyByDefault: boolean | undefined

/** `net.ipv6.bindv6only`: when 0 (the usual default) new IPv6 sockets are already dual-stack. */
function newIpv6SocketsAreV6Only(): boolean {
  try {
    return readFileSync('/proc/sys/net/ipv6/bindv6only', 'utf8').trim() !== '0'
  } catch {
    return true // unknown: set the option explicitly
  }
}

/**
 * Binds the wildcard address on `port` without listening, so the port is held and any other
 * bind on any address fails with EADDRINUSE. Dual-stack IPv6 covers both families in one
 * socket; where the host has no IPv6 the IPv4 wildcard is bound instead.
 */
export function bindWildcard(protocol: Protocol, port: number): BindOutcome {
  const c = libc()
  const type = (protocol === 'tcp' ? SOCK_STREAM : SOCK_DGRAM) | SOCK_CLOEXEC
  if (ipv6Available !== false) {
    const fd = c.socket(AF_INET6, type, 0)
    if (fd >= 0) {
      ipv6Available = true
      v6OnlyByDefault ??= newIpv6SocketsAreV6Only()
      // Skipping the call where the default is already dual-stack saves a third of the syscalls.
      if (v6OnlyByDefault && c.setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, V6ONLY_OFF, 4) !== 0) {
        return failAndClose(fd)
      }
      addr6.writeUInt16BE(port, 2)
      if (c.bind(fd, addr6, SOCKADDR_IN6_SIZE) !== 0) return failAndClose(fd)
      return { ok: true, fd }
    }
    const errno = c.errno()
    if (errno !== Errno.EAFNOSUPPORT) return { ok: false, errno }
    ipv6Available = false
  }
  const fd = c.socket(AF_INET, type, 0)
  if (fd < 0) return { ok: false, errno: c.errno() }
  addr4.writeUInt16BE(port, 2)
  if (c.bind(fd, addr4, SOCKADDR_IN_SIZE) !== 0) return failAndClose(fd)
  return { ok: true, fd }
}

function failAndClose(fd: number): BindOutcome {
  const errno = libc().errno() // read before close() can overwrite it
  libc().close(fd)
  return { ok: false, errno }
}

export function closeAll(fds: readonly number[]): void {
  const c = libc()
  for (const fd of fds) c.close(fd)
}

/**
 * Binds every port of [start, start+count) or none: on the first failure everything bound so
 * far is closed and the failing port and errno are returned.
 */
export function bindBlock(
  protocol: Protocol,
  start: number,
  count: number,
): { ok: true; fds: number[] } | { ok: false; port: number; errno: number } {
  const fds: number[] = []
  for (let port = start; port < start + count; port++) {
    const r = bindWildcard(protocol, port)
    if (!r.ok) {
      closeAll(fds)
      return { ok: false, port, errno: r.errno }
    }
    fds.push(r.fd)
  }
  return { ok: true, fds }
}
