import { describe, expect, it } from 'vitest'
import { decodeGuestReservations, guestPortReservations, guidText } from './hcn'

/** One HCN_PORT_RANGE_ENTRY laid out as ComputeNetwork.h declares it (64 bytes). */
function entry(proto: number, start: number, end: number): Buffer {
  const b = Buffer.alloc(64)
  Buffer.from('33221100554477668899aabbccddeeff', 'hex').copy(b, 0) // OwningPartitionId
  b.writeInt32LE(proto, 32) // Protocol
  b.writeBigUInt64LE(7n, 40) // Priority, 8-aligned after 4 bytes of padding
  b.writeUInt32LE(2, 48) // ReservationType
  b.writeUInt32LE(1, 52) // SharingFlags
  b.writeUInt16LE(start, 60)
  b.writeUInt16LE(end, 62)
  return b
}

describe('HNS guest port reservations', () => {
  it('formats a GUID with its first three fields little-endian', () => {
    expect(guidText(Buffer.from('33221100554477668899aabbccddeeff', 'hex'))).toBe(
      '00112233-4455-6677-8899-aabbccddeeff',
    )
  })

  it('decodes HCN_PORT_RANGE_ENTRY rows: protocol flags, inclusive ports, partitions', () => {
    const rows = decodeGuestReservations(
      Buffer.concat([entry(3, 60000, 64095), entry(2, 5353, 5353)]),
      2,
    )
    expect(rows.map((r) => [r.protocols, r.startPort, r.endPort, r.reservationType])).toEqual([
      [['tcp', 'udp'], 60000, 64095, 2],
      [['udp'], 5353, 5353, 2],
    ])
    expect(rows[0]?.owningPartition).toBe('00112233-4455-6677-8899-aabbccddeeff')
    expect(rows[0]?.targetPartition).toBe('00000000-0000-0000-0000-000000000000')
  })

  it('reports "not available" (never throws) where computenetwork.dll cannot be loaded', () => {
    const r = guestPortReservations()
    expect(r).toEqual({ available: false, reason: expect.stringMatching(/ComputeNetwork\.dll/) })
  })
})
