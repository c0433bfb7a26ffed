import { describe, expect, it } from 'vitest'
import type { Iphlpapi } from './iphlpapi'
import { listSocketOwners } from './owners'
import { AF_INET, AF_INET6 } from './ws2_32'

/** A DWORD port field: the port in network order in its first two bytes. */
const portBytes = (b: Buffer, at: number, port: number) => b.writeUInt16BE(port, at)
const ip4 = (b: Buffer, at: number, a: number[]) => Buffer.from(a).copy(b, at)
const ip6 = (b: Buffer, at: number, hex: string) => Buffer.from(hex, 'hex').copy(b, at)

/** Tables laid out by hand, byte by byte as tcpmib.h / udpmib.h describe them. */
function tcp4(): Buffer {
  const b = Buffer.alloc(4 + 24)
  b.writeUInt32LE(1, 0)
  b.writeUInt32LE(2, 4) // LISTEN
  ip4(b, 8, [127, 0, 0, 1])
  portBytes(b, 12, 3000)
  b.writeUInt32LE(4242, 24)
  return b
}
function tcp6(): Buffer {
  const b = Buffer.alloc(4 + 56)
  b.writeUInt32LE(1, 0)
  ip6(b, 4, '00000000000000000000ffffc0a80101')
  portBytes(b, 24, 50123)
  ip6(b, 28, '20010db8000000000000000000000001')
  portBytes(b, 48, 443)
  b.writeUInt32LE(5, 52) // ESTABLISHED
  b.writeUInt32LE(77, 56)
  return b
}
function udp4(): Buffer {
  const b = Buffer.alloc(4 + 12)
  b.writeUInt32LE(1, 0)
  portBytes(b, 8, 53)
  b.writeUInt32LE(9, 12)
  return b
}
function udp6(): Buffer {
  const b = Buffer.alloc(4 + 28)
  b.writeUInt32LE(1, 0)
  ip6(b, 4, '00000000000000000000000000000001')
  portBytes(b, 24, 5353)
  b.writeUInt32LE(10, 28)
  return b
}

/** GetExtended*Table as Windows behaves: too small a buffer gets ERROR_INSUFFICIENT_BUFFER. */
function fakeGet(tables: Record<number, Buffer>) {
  return (table: Buffer | null, size: [number], _o: number, af: number) => {
    const t = tables[af]
    if (!t) return 87
    if (!table || table.length < t.length) {
      size[0] = t.length
      return 122
    }
    t.copy(table)
    return 0
  }
}

describe('socket owners from the iphlpapi tables', () => {
  it('reads IPv4 and IPv6 rows of TCP and UDP with ports, addresses, states and pids', () => {
    const ip = {
      GetExtendedTcpTable: fakeGet({ [AF_INET]: tcp4(), [AF_INET6]: tcp6() }),
      GetExtendedUdpTable: fakeGet({ [AF_INET]: udp4(), [AF_INET6]: udp6() }),
    } as unknown as Iphlpapi
    expect(listSocketOwners(ip)).toEqual([
      { protocol: 'tcp', family: 'ipv4', state: 'LISTEN', localAddress: '127.0.0.1', localPort: 3000, remoteAddress: '0.0.0.0', remotePort: 0, pid: 4242 },
      { protocol: 'tcp', family: 'ipv6', state: 'ESTABLISHED', localAddress: '::ffff:192.168.1.1', localPort: 50123, remoteAddress: '2001:db8::1', remotePort: 443, pid: 77 },
      { protocol: 'udp', family: 'ipv4', state: 'UNCONN', localAddress: '0.0.0.0', localPort: 53, remoteAddress: '0.0.0.0', remotePort: 0, pid: 9 },
      { protocol: 'udp', family: 'ipv6', state: 'UNCONN', localAddress: '::1', localPort: 5353, remoteAddress: '::', remotePort: 0, pid: 10 },
    ]) // prettier-ignore
  })

  it('grows the buffer when the table is larger than the first guess', () => {
    const big = Buffer.alloc(4 + 24 * 1000)
    big.writeUInt32LE(1000, 0)
    const empty = Buffer.alloc(4)
    const ip = {
      GetExtendedTcpTable: fakeGet({ [AF_INET]: big, [AF_INET6]: empty }),
      GetExtendedUdpTable: fakeGet({ [AF_INET]: empty, [AF_INET6]: empty }),
    } as unknown as Iphlpapi
    expect(listSocketOwners(ip)).toHaveLength(1000)
  })

  it('reports any other failure as internal, naming the call', () => {
    const ip = {
      GetExtendedTcpTable: () => 87,
      GetExtendedUdpTable: () => 87,
    } as unknown as Iphlpapi
    expect(() => listSocketOwners(ip)).toThrow(
      expect.objectContaining({ kind: 'internal', detail: 'GetExtendedTcpTable returned 87' }),
    )
  })
})
