import koffi from 'koffi'
import { PortwardenError } from '../../../shared/errors'
import type { Protocol, ReserveRequest } from '../../../shared/model'
import {
  INET_PORT_RANGE,
  INET_PORT_RANGE_SIZE,
  INET_PORT_RESERVATION_INSTANCE,
  INET_PORT_RESERVATION_INSTANCE_SIZE,
  INET_PORT_RESERVATION_TOKEN_SIZE,
  SOCKADDR_IN_SIZE,
  toU64,
  type InetPortReservationInstance,
} from './ctypes'
import { Wsa, describeBlock, noFreeBlockError, unknownTokenError, winsockError } from './errors'
import {
  AF_INET,
  INVALID_SOCKET,
  IPPROTO_TCP,
  IPPROTO_UDP,
  SIO_ACQUIRE_PORT_RESERVATION,
  SIO_ASSOCIATE_PORT_RESERVATION,
  SIO_RELEASE_PORT_RESERVATION,
  SOCK_DGRAM,
  SOCK_STREAM,
  SOCKET_ERROR,
  WSA_FLAG_NO_HANDLE_INHERIT,
  type SocketHandle,
  type Ws2_32,
} from './ws2_32'

/** A runtime reservation and the socket that keeps it alive: closing it frees the block. */
export interface HeldReservation {
  readonly socket: SocketHandle
  readonly token: bigint
  readonly protocol: Protocol
  readonly startPort: number
  readonly count: number
}

/**
 * A fresh socket of the protocol's type (AF_INET unless `family` says otherwise; reservations
 * are per protocol, not family) that child processes do not inherit: WSASocketW with
 * WSA_FLAG_NO_HANDLE_INHERIT, as libuv creates its own sockets (src/win/tcp.c). The flag needs
 * Windows 7 SP1 or later, and Node itself needs Windows 10, so there is no fallback to
 * socket() + SetHandleInformation.
 */
export function openSocket(
  ws: Ws2_32,
  protocol: Protocol,
  action: string,
  family: number = AF_INET,
): SocketHandle {
  const opened = openSocketOrCode(ws, protocol, family)
  if (typeof opened === 'number') throw winsockError(opened, 'WSASocketW()', action)
  return opened.socket
}

/** openSocket, answering with the Winsock error code instead of throwing. */
export function openSocketOrCode(
  ws: Ws2_32,
  protocol: Protocol,
  family: number,
): { socket: SocketHandle } | number {
  ws.ready()
  const [type, proto] = protocol === 'tcp' ? [SOCK_STREAM, IPPROTO_TCP] : [SOCK_DGRAM, IPPROTO_UDP]
  const s = ws.WSASocketW(family, type, proto, null, 0, WSA_FLAG_NO_HANDLE_INHERIT)
  return toU64(s) === INVALID_SOCKET ? ws.WSAGetLastError() : { socket: s }
}

/** The token as the 8 bytes of an INET_PORT_RESERVATION_TOKEN. */
function tokenBuffer(token: bigint): Buffer {
  const b = Buffer.alloc(INET_PORT_RESERVATION_TOKEN_SIZE)
  b.writeBigUInt64LE(token)
  return b
}

/** Issues one IOCTL; returns 0 or the Winsock error, read before anything else can reset it. */
function ioctl(ws: Ws2_32, s: SocketHandle, code: number, input: Buffer, output?: Buffer): number {
  const out = output ?? null
  const rc = ws.WSAIoctl(s, code, input, input.length, out, out?.length ?? 0, [0], null, null)
  return rc === SOCKET_ERROR ? ws.WSAGetLastError() : 0
}

/**
 * SIO_ACQUIRE_PORT_RESERVATION on a socket of its own, kept open for the reservation's life.
 * A specific block (startPort > 0) or, with startPort 0, any block the port pool picks.
 */
export function acquireReservation(ws: Ws2_32, req: ReserveRequest): HeldReservation {
  const wildcard = req.startPort === 0
  const what = wildcard
    ? `any block of ${req.count} ${req.protocol.toUpperCase()} ports`
    : describeBlock(req.protocol, req)
  const action = `reserve ${what}`
  const socket = openSocket(ws, req.protocol, action)
  const input = Buffer.alloc(INET_PORT_RANGE_SIZE)
  koffi.encode(input, INET_PORT_RANGE, { StartPort: req.startPort, NumberOfPorts: req.count })
  const output = Buffer.alloc(INET_PORT_RESERVATION_INSTANCE_SIZE)
  const code = ioctl(ws, socket, SIO_ACQUIRE_PORT_RESERVATION, input, output)
  if (code !== 0) {
    ws.closesocket(socket)
    const call = 'WSAIoctl(SIO_ACQUIRE_PORT_RESERVATION)'
    if (wildcard && (code === Wsa.WSAEADDRINUSE || code === Wsa.WSAENOBUFS)) {
      throw noFreeBlockError(req.protocol, req.count, `${call} failed with ${code}`)
    }
    throw winsockError(code, call, action)
  }
  const got = koffi.decode(output, INET_PORT_RESERVATION_INSTANCE) as InetPortReservationInstance
  const token = toU64(got.Token.Token)
  if (token === 0n || got.Reservation.StartPort === 0) {
    ws.closesocket(socket)
    throw new PortwardenError('internal', `Windows returned an empty reservation for ${what}.`)
  }
  return {
    socket,
    token,
    protocol: req.protocol,
    startPort: got.Reservation.StartPort,
    count: got.Reservation.NumberOfPorts,
  }
}

/** SIO_RELEASE_PORT_RESERVATION: gives the block back while `socket` stays open. */
export function releaseReservation(ws: Ws2_32, socket: SocketHandle, token: bigint): void {
  const code = ioctl(ws, socket, SIO_RELEASE_PORT_RESERVATION, tokenBuffer(token))
  if (code === 0) return
  const call = `WSAIoctl(SIO_RELEASE_PORT_RESERVATION, token ${token})`
  if (code === Wsa.WSAEINVAL) throw unknownTokenError(token, `${call} failed with ${code}`)
  throw winsockError(code, call, `release the reservation with token ${token}`)
}

/**
 * Asks the port pool which port a reservation hands out next: a fresh socket is associated
 * with the token before bind, bound to port 0, and getsockname reads what the pool assigned.
 * The probe socket is closed again, so the port goes back to the reservation.
 */
export function associateProbe(ws: Ws2_32, token: bigint, protocol: Protocol): number {
  const action = `bind a ${protocol.toUpperCase()} socket through the reservation with token ${token}`
  const s = openSocket(ws, protocol, action)
  try {
    const code = ioctl(ws, s, SIO_ASSOCIATE_PORT_RESERVATION, tokenBuffer(token))
    if (code !== 0) throw winsockError(code, 'WSAIoctl(SIO_ASSOCIATE_PORT_RESERVATION)', action)
    const addr = Buffer.alloc(SOCKADDR_IN_SIZE)
    addr.writeUInt16LE(AF_INET, 0) // port 0 and INADDR_ANY: the pool picks the port
    if (ws.bind(s, addr, addr.length) === SOCKET_ERROR) {
      throw winsockError(ws.WSAGetLastError(), 'bind(0.0.0.0:0)', action)
    }
    const bound = Buffer.alloc(SOCKADDR_IN_SIZE)
    if (ws.getsockname(s, bound, [bound.length]) === SOCKET_ERROR) {
      throw winsockError(ws.WSAGetLastError(), 'getsockname()', action)
    }
    return bound.readUInt16BE(2)
  } finally {
    ws.closesocket(s)
  }
}
