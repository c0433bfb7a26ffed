import { SocketAddress } from 'node:net'
import koffi, { type TypeObject } from 'koffi'
import type { Protocol } from '../../../shared/model'
import type { AddressFamily, SocketState } from '../../../shared/sockets'
import { htons } from './ctypes'
import { PortwardenError } from '../../../shared/errors'
import { Win32Error, type Iphlpapi } from './iphlpapi'
import {
  MIB_TABLE_ROWS_OFFSET,
  MIB_TCP6ROW_OWNER_PID,
  MIB_TCPROW_OWNER_PID,
  MIB_UDP6ROW_OWNER_PID,
  MIB_UDPROW_OWNER_PID,
  type MibTcp6RowOwnerPid,
  type MibTcpRowOwnerPid,
  type MibUdp6RowOwnerPid,
  type MibUdpRowOwnerPid,
} from './mib-ctypes'
import { AF_INET, AF_INET6 } from './ws2_32'

/** One socket as iphlpapi lists it, with the pid that owns it. */
export interface SocketOwnerRow {
  protocol: Protocol
  family: AddressFamily
  state: SocketState
  localAddress: string
  localPort: number
  remoteAddress: string
  remotePort: number
  pid: number
}

const TCP_TABLE_OWNER_PID_ALL = 5
const UDP_TABLE_OWNER_PID = 1

/**
 * MIB_TCP_STATE 1..12 (tcpmib.h) in the names Portwarden uses on every OS. MIB_TCP_STATE_CLOSED
 * (1) is a socket that holds its local port without listening or a connection: what the shared
 * model calls 'BOUND' (Linux's TCP_CLOSE with a port). DELETE_TCB (12) has no name.
 */
export const TCP_STATES: readonly SocketState[] = [
  'UNKNOWN', 'BOUND', 'LISTEN', 'SYN_SENT', 'SYN_RECV', 'ESTABLISHED', 'FIN_WAIT1',
  'FIN_WAIT2', 'CLOSE_WAIT', 'CLOSING', 'LAST_ACK', 'TIME_WAIT', 'UNKNOWN',
] // prettier-ignore

const tcpState = (code: number): SocketState => TCP_STATES[code] ?? 'UNKNOWN'
/** A port in the low 16 bits of a DWORD, in network byte order. */
const portOf = (dword: number): number => htons(dword & 0xffff)
/** An IPv4 DWORD in network byte order, read little-endian by koffi. */
const ipv4 = (d: number): string => [d & 255, (d >>> 8) & 255, (d >>> 16) & 255, d >>> 24].join('.')
/** 16 bytes as Node writes IPv6 (RFC 5952, ::ffff:a.b.c.d for mapped addresses). */
function ipv6(bytes: readonly number[]): string {
  const words = Array.from(
    { length: 8 },
    (_, i) => ((bytes[2 * i] ?? 0) << 8) | (bytes[2 * i + 1] ?? 0),
  )
  return new SocketAddress({ address: words.map((w) => w.toString(16)).join(':'), family: 'ipv6' })
    .address
}

/** Calls a GetExtended*Table function, growing the buffer until the table fits. */
function readTable(get: Iphlpapi['GetExtendedTcpTable'], name: string, af: number, cls: number) {
  const size: [number] = [16 * 1024]
  for (let attempt = 0; attempt < 5; attempt++) {
    const buf = Buffer.alloc(size[0])
    const rc = get(buf, size, 0, af, cls, 0)
    if (rc === Win32Error.NO_ERROR) return buf
    // The table can grow between the size query and the read: retry with the new size + slack.
    if (rc !== Win32Error.ERROR_INSUFFICIENT_BUFFER) {
      throw new PortwardenError(
        'internal',
        'Windows could not list sockets.',
        `${name} returned ${rc}`,
      )
    }
    size[0] += 4096
  }
  throw new PortwardenError('internal', 'The socket table kept growing while being read.', name)
}

function rows<T>(buf: Buffer, row: TypeObject): T[] {
  const count = buf.readUInt32LE(0)
  const step = koffi.sizeof(row)
  return Array.from(
    { length: count },
    (_, i) => koffi.decode(buf, MIB_TABLE_ROWS_OFFSET + i * step, row) as T,
  )
}

/** Every TCP and UDP socket, IPv4 and IPv6, with its owning pid. */
export function listSocketOwners(ip: Iphlpapi): SocketOwnerRow[] {
  const tcp = ip.GetExtendedTcpTable
  const udp = ip.GetExtendedUdpTable
  const T = 'GetExtendedTcpTable'
  const U = 'GetExtendedUdpTable'
  const tcp4 = rows<MibTcpRowOwnerPid>(
    readTable(tcp, T, AF_INET, TCP_TABLE_OWNER_PID_ALL),
    MIB_TCPROW_OWNER_PID,
  )
  const tcp6 = rows<MibTcp6RowOwnerPid>(
    readTable(tcp, T, AF_INET6, TCP_TABLE_OWNER_PID_ALL),
    MIB_TCP6ROW_OWNER_PID,
  )
  const udp4 = rows<MibUdpRowOwnerPid>(
    readTable(udp, U, AF_INET, UDP_TABLE_OWNER_PID),
    MIB_UDPROW_OWNER_PID,
  )
  const udp6 = rows<MibUdp6RowOwnerPid>(
    readTable(udp, U, AF_INET6, UDP_TABLE_OWNER_PID),
    MIB_UDP6ROW_OWNER_PID,
  )
  return [
    ...tcp4.map((r) => ({
      protocol: 'tcp' as const,
      family: 'ipv4' as const,
      state: tcpState(r.dwState),
      localAddress: ipv4(r.dwLocalAddr),
      localPort: portOf(r.dwLocalPort),
      remoteAddress: ipv4(r.dwRemoteAddr),
      remotePort: portOf(r.dwRemotePort),
      pid: r.dwOwningPid,
    })),
    ...tcp6.map((r) => ({
      protocol: 'tcp' as const,
      family: 'ipv6' as const,
      state: tcpState(r.dwState),
      localAddress: ipv6(r.ucLocalAddr),
      localPort: portOf(r.dwLocalPort),
      remoteAddress: ipv6(r.ucRemoteAddr),
      remotePort: portOf(r.dwRemotePort),
      pid: r.dwOwningPid,
    })),
    // UDP has no peer in these tables: report the unspecified address and port 0.
    ...udp4.map((r) => udpRow('ipv4', ipv4(r.dwLocalAddr), portOf(r.dwLocalPort), r.dwOwningPid)),
    ...udp6.map((r) => udpRow('ipv6', ipv6(r.ucLocalAddr), portOf(r.dwLocalPort), r.dwOwningPid)),
  ]
}

const udpRow = (family: AddressFamily, localAddress: string, localPort: number, pid: number) => ({
  protocol: 'udp' as const,
  family,
  state: 'UNCONN' as const,
  localAddress,
  localPort,
  remoteAddress: family === 'ipv4' ? '0.0.0.0' : '::',
  remotePort: 0,
  pid,
})
