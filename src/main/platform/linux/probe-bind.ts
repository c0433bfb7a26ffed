import koffi from 'koffi'
import { readFileSync } from 'node:fs'
import { constants } from 'node:os'
import { literalSockaddr } from '../ipv6-bytes'
import {
  addressFamily,
  bareAddress,
  type BindProbe,
  type BindProbeResult,
} from '../../../shared/bind-probe'
import {
  AF_INET,
  AF_INET6,
  IPPROTO_IPV6,
  IPV6_V6ONLY,
  SOCK_CLOEXEC,
  SOCK_DGRAM,
  SOCK_STREAM,
  libc,
} from './libc'
import { SOCKADDR_IN6_SIZE, SOCKADDR_IN_SIZE } from './sockaddr'

const SOL_SOCKET = 1
const SO_REUSEADDR = 2
const SO_REUSEPORT = 15

const ONE = Buffer.from(new Int32Array([1]).buffer)
const ZERO = Buffer.from(new Int32Array([0]).buffer)
const OK: BindProbeResult = Object.freeze({ ok: true })

/** errno number → name ("EADDRINUSE"), from Node's table of this platform's values. */
const ERRNO_NAMES = new Map<number, string>(
  Object.entries(constants.errno).map(([name, value]) => [value, name]),
)

/** The kernel's own words for the errors a bind can meet (strerror, glibc). */
const MESSAGES: Record<string, string> = {
  EADDRINUSE: 'Address already in use',
  EACCES: 'Permission denied',
  EPERM: 'Operation not permitted',
  EADDRNOTAVAIL: 'Cannot assign requested address',
  EINVAL: 'Invalid argument',
  EAFNOSUPPORT: 'Address family not supported by protocol',
  EMFILE: 'Too many open files',
  ENFILE: 'Too many open files in system',
  ENOBUFS: 'No buffer space available',
  ENOMEM: 'Cannot allocate memory',
  ENODEV: 'No such device',
}

/** Fails one probe with `errno`, named as the kernel names it. */
export function probeFailure(errno: number): BindProbeResult {
  const code = ERRNO_NAMES.get(errno) ?? `errno ${errno}`
  return { ok: false, code, errno, message: MESSAGES[code] ?? code }
}

let ifNameToIndex: ((name: string) => number) | undefined

/** The scope id of a link-local address: "%eth0" or "%2". 0 (none) when the name is unknown. */
function scopeId(scope: string): number {
  if (/^\d+$/.test(scope)) return Number(scope)
  ifNameToIndex ??= koffi
    .load('libc.so.6')
    .func('unsigned int if_nametoindex(const char *name)') as (name: string) => number
  return ifNameToIndex(scope)
}

/** struct sockaddr_in / sockaddr_in6 for an address literal; the port is written per probe. */
export function sockaddrFor(address: string): { family: number; addr: Buffer } {
  const text = bareAddress(address)
  const family = addressFamily(text)
  const af = { inet: AF_INET, inet6: AF_INET6 }
  if (family === 'ipv4') return { family: AF_INET, addr: literalSockaddr(text, family, af) }
  if (family === 'ipv6') {
    const [literal = '', scope] = text.split('%')
    const addr = literalSockaddr(
      literal,
      family,
      af,
      scope === undefined ? undefined : scopeId(scope),
    )
    return { family: AF_INET6, addr }
  }
  throw new Error(`not an address literal: ${JSON.stringify(address)}`)
}

let v6OnlyByDefault: boolean | undefined
/** `net.ipv6.bindv6only`: what a new IPv6 socket is unless told otherwise (0: dual-stack). */
function newIpv6SocketsAreV6Only(): boolean {
  if (v6OnlyByDefault !== undefined) return v6OnlyByDefault
  try {
    v6OnlyByDefault = readFileSync('/proc/sys/net/ipv6/bindv6only', 'utf8').trim() !== '0'
  } catch {
    v6OnlyByDefault = true // unknown (or no IPv6): set the option explicitly either way
  }
  return v6OnlyByDefault
}

// Address buffers per literal, reused: bind() copies them, and a 65,535-port check then costs no
// allocation per probe. Few distinct addresses are ever probed.
const addresses = new Map<string, { family: number; addr: Buffer }>()

/**
 * Makes the bind `probe` describes and undoes it at once: socket (CLOEXEC), the reuse options,
 * IPV6_V6ONLY for IPv6, bind, close. Never listen() or connect(). The port is held only between
 * bind() and close(), a few microseconds.
 */
export function probeBind(probe: BindProbe): BindProbeResult {
  const c = libc()
  let target = addresses.get(probe.address)
  if (!target) {
    target = sockaddrFor(probe.address)
    if (addresses.size > 64) addresses.clear()
    addresses.set(probe.address, target)
  }
  const type = (probe.protocol === 'tcp' ? SOCK_STREAM : SOCK_DGRAM) | SOCK_CLOEXEC
  const fd = c.socket(target.family, type, 0)
  if (fd < 0) return probeFailure(c.errno())
  if (probe.reuse === 'addr' && c.setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, ONE, 4) !== 0)
    return failAndClose(fd)
  if (probe.reuse === 'port' && c.setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, ONE, 4) !== 0)
    return failAndClose(fd)
  // Set only when it differs from the system default: a third fewer calls on a full range.
  if (target.family === AF_INET6 && probe.v6only !== newIpv6SocketsAreV6Only()) {
    if (c.setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, probe.v6only ? ONE : ZERO, 4) !== 0)
      return failAndClose(fd)
  }
  target.addr.writeUInt16BE(probe.port, 2)
  const size = target.family === AF_INET ? SOCKADDR_IN_SIZE : SOCKADDR_IN6_SIZE
  if (c.bind(fd, target.addr, size) !== 0) return failAndClose(fd)
  c.close(fd)
  return OK
}

function failAndClose(fd: number): BindProbeResult {
  const errno = libc().errno() // read before close() can overwrite it
  libc().close(fd)
  return probeFailure(errno)
}
