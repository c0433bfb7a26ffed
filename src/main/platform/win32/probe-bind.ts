import { PortwardenError } from '../../../shared/errors'
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
  SOCKET_ERROR,
  SOL_SOCKET,
  SO_EXCLUSIVEADDRUSE,
  SO_REUSEADDR,
  type Ws2_32,
} from './ws2_32'
import { openSocketOrCode } from './runtime'

/** ws2ipdef.h SOCKADDR_IN6: family, port (network order), flowinfo, 16 bytes, scope id. */
export const SOCKADDR_IN6_SIZE = 28

/** Winsock errors a bind can meet, with Windows' own text for each (FormatMessage). */
const WSA_ERRORS: Record<number, [code: string, message: string]> = {
  10013: ['WSAEACCES', 'An attempt was made to access a socket in a way forbidden by its access permissions.'],
  10014: ['WSAEFAULT', 'The system detected an invalid pointer address in attempting to use a pointer argument in a call.'],
  10022: ['WSAEINVAL', 'An invalid argument was supplied.'],
  10024: ['WSAEMFILE', 'Too many open sockets.'],
  10047: ['WSAEAFNOSUPPORT', 'An address incompatible with the requested protocol was used.'],
  10048: ['WSAEADDRINUSE', 'Only one usage of each socket address (protocol/network address/port) is normally permitted.'],
  10049: ['WSAEADDRNOTAVAIL', 'The requested address is not valid in its context.'],
  10055: ['WSAENOBUFS', 'An operation on a socket could not be performed because the system lacked sufficient buffer space or because a queue was full.'],
  10093: ['WSANOTINITIALISED', 'Either the application has not called WSAStartup, or WSAStartup failed.'],
} // prettier-ignore

/** One failed probe, named as Windows names the error. */
export function wsaFailure(errno: number): BindProbeResult {
  const [code, message] = WSA_ERRORS[errno] ?? [
    `WSA error ${errno}`,
    `Windows Sockets error ${errno}.`,
  ]
  return { ok: false, code, errno, message }
}

/**
 * SOCKADDR_IN / SOCKADDR_IN6 for an address literal, port 0 (written per probe). A link-local
 * IPv6 scope must be the interface index ("fe80::1%12"): Windows names interfaces by LUID
 * aliases no user types.
 */
export function sockaddrFor(address: string): { family: number; addr: Buffer } {
  const text = bareAddress(address)
  const family = addressFamily(text)
  const af = { inet: AF_INET, inet6: AF_INET6 }
  if (family === 'ipv4') return { family: AF_INET, addr: literalSockaddr(text, family, af) }
  if (family === 'ipv6') {
    const [literal = '', scope] = text.split('%')
    if (scope !== undefined && !/^\d{1,10}$/.test(scope)) {
      throw new PortwardenError(
        'invalid-input',
        `On Windows the scope of ${address} must be an interface index, e.g. fe80::1%12 ` +
          '(`netsh interface ipv6 show interfaces` lists them as "Idx").',
      )
    }
    const addr = literalSockaddr(
      literal,
      family,
      af,
      scope === undefined ? undefined : Number(scope),
    )
    return { family: AF_INET6, addr }
  }
  throw new PortwardenError(
    'invalid-input',
    `Not an IP address literal: ${JSON.stringify(address)}`,
  )
}

// Address buffers per literal, reused: bind() copies them, so a 65,535-port check allocates
// nothing per probe. Few distinct addresses are ever probed.
const addresses = new Map<string, { family: number; addr: Buffer }>()

const ONE = Buffer.from(new Int32Array([1]).buffer)
const ZERO = Buffer.from(new Int32Array([0]).buffer)
const OK: BindProbeResult = Object.freeze({ ok: true })

/**
 * The test bind on Windows: a socket no child inherits (WSA_FLAG_NO_HANDLE_INHERIT), then
 * reuse 'none' → SO_EXCLUSIVEADDRUSE, which is what a careful Windows server sets (Microsoft,
 * "Using SO_REUSEADDR and SO_EXCLUSIVEADDRUSE") and which makes the bind fail wherever any other
 * socket holds the port; 'addr' → SO_REUSEADDR; IPV6_V6ONLY as the probe says (Windows' default
 * is on); bind; closesocket at once. Never listen or connect. 'port' (SO_REUSEPORT) has no
 * Windows counterpart and is refused as invalid-input.
 */
export function probeBind(ws: Ws2_32, probe: BindProbe): BindProbeResult {
  if (probe.reuse === 'port') {
    throw new PortwardenError(
      'invalid-input',
      'SO_REUSEPORT exists only on Linux and the BSDs; on Windows use reuse "none" ' +
        '(SO_EXCLUSIVEADDRUSE) or "addr" (SO_REUSEADDR).',
    )
  }
  let target = addresses.get(probe.address)
  if (!target) {
    target = sockaddrFor(probe.address)
    if (addresses.size > 64) addresses.clear()
    addresses.set(probe.address, target)
  }
  const opened = openSocketOrCode(ws, probe.protocol, target.family)
  if (typeof opened === 'number') return wsaFailure(opened)
  const s = opened.socket
  try {
    const set = (level: number, name: number, value: Buffer) =>
      ws.setsockopt(s, level, name, value, 4) !== SOCKET_ERROR
    const [name, value] = probe.reuse === 'addr' ? [SO_REUSEADDR, ONE] : [SO_EXCLUSIVEADDRUSE, ONE]
    if (!set(SOL_SOCKET, name, value)) return wsaFailure(ws.WSAGetLastError())
    if (target.family === AF_INET6 && !set(IPPROTO_IPV6, IPV6_V6ONLY, probe.v6only ? ONE : ZERO))
      return wsaFailure(ws.WSAGetLastError())
    target.addr.writeUInt16BE(probe.port, 2)
    if (ws.bind(s, target.addr, target.addr.length) === SOCKET_ERROR)
      return wsaFailure(ws.WSAGetLastError())
    return OK
  } finally {
    ws.closesocket(s)
  }
}
