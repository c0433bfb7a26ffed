import koffi from 'koffi'
import { describe, expect, it } from 'vitest'
import {
  INET_PORT_RANGE,
  INET_PORT_RESERVATION_INSTANCE,
  INET_PORT_RESERVATION_TOKEN,
  htons,
  toU64,
  type InetPortReservationInstance,
} from './ctypes'
import {
  MIB_TCP6ROW_OWNER_PID,
  MIB_TCPROW_OWNER_PID,
  MIB_UDP6ROW_OWNER_PID,
  MIB_UDPROW_OWNER_PID,
} from './mib-ctypes'

// Fixed-width fields only, so koffi lays these out on Linux x64 exactly as on Windows x64.
describe('Windows struct layouts (x64)', () => {
  it('INET_PORT_RANGE is 4 bytes, TOKEN 8, INSTANCE 16 with the token at offset 8', () => {
    expect(koffi.sizeof(INET_PORT_RANGE)).toBe(4)
    expect(koffi.sizeof(INET_PORT_RESERVATION_TOKEN)).toBe(8)
    expect(koffi.sizeof(INET_PORT_RESERVATION_INSTANCE)).toBe(16)
    expect(koffi.alignof(INET_PORT_RESERVATION_INSTANCE)).toBe(8)
    expect(koffi.offsetof(INET_PORT_RESERVATION_INSTANCE, 'Token')).toBe(8)
    expect(koffi.offsetof(INET_PORT_RANGE, 'NumberOfPorts')).toBe(2)
  })

  it('the MIB owner-pid rows have the sizes and offsets of tcpmib.h / udpmib.h', () => {
    expect(koffi.sizeof(MIB_TCPROW_OWNER_PID)).toBe(24)
    expect(koffi.offsetof(MIB_TCPROW_OWNER_PID, 'dwOwningPid')).toBe(20)
    expect(koffi.sizeof(MIB_TCP6ROW_OWNER_PID)).toBe(56)
    expect(koffi.offsetof(MIB_TCP6ROW_OWNER_PID, 'dwLocalPort')).toBe(20)
    expect(koffi.offsetof(MIB_TCP6ROW_OWNER_PID, 'ucRemoteAddr')).toBe(24)
    expect(koffi.offsetof(MIB_TCP6ROW_OWNER_PID, 'dwOwningPid')).toBe(52)
    expect(koffi.sizeof(MIB_UDPROW_OWNER_PID)).toBe(12)
    expect(koffi.sizeof(MIB_UDP6ROW_OWNER_PID)).toBe(28)
    expect(koffi.offsetof(MIB_UDP6ROW_OWNER_PID, 'dwOwningPid')).toBe(24)
  })

  it('StartPort is written in network byte order, NumberOfPorts in host order', () => {
    const buf = Buffer.alloc(4)
    koffi.encode(buf, INET_PORT_RANGE, { StartPort: 5000, NumberOfPorts: 20 })
    expect([...buf]).toEqual([0x13, 0x88, 20, 0])
  })

  it('a token past 2^53 decodes as a BigInt, a small one as a number; toU64 makes both bigint', () => {
    const buf = Buffer.alloc(16)
    buf.writeUInt16BE(49152, 0)
    buf.writeUInt16LE(100, 2)
    buf.writeBigUInt64LE(2n ** 64n - 1n, 8)
    const big = koffi.decode(buf, INET_PORT_RESERVATION_INSTANCE) as InetPortReservationInstance
    expect(big.Reservation).toEqual({ StartPort: 49152, NumberOfPorts: 100 })
    expect(big.Token.Token).toBe(2n ** 64n - 1n)
    buf.writeBigUInt64LE(7n, 8)
    const small = koffi.decode(buf, INET_PORT_RESERVATION_INSTANCE) as InetPortReservationInstance
    expect(small.Token.Token).toBe(7)
    expect(toU64(small.Token.Token)).toBe(7n)
  })

  it('htons swaps the two bytes of a port', () => {
    expect(htons(5000)).toBe(0x8813)
    expect(htons(htons(65534))).toBe(65534)
  })
})
