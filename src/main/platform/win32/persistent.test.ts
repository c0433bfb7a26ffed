import { describe, expect, it } from 'vitest'
import { PortwardenError } from '../../../shared/errors'
import type { Iphlpapi } from './iphlpapi'
import { persistentReservations } from './persistent'

/** A fake IP Helper that records calls; only the persistent functions are used here. */
function fakeIphlpapi(rc: number, token: number | bigint) {
  const calls: unknown[][] = []
  const withToken = (name: string) => (start: number, count: number, out: [number | bigint]) => {
    calls.push([name, start, count])
    out[0] = token
    return rc
  }
  const remove = (name: string) => (start: number, count: number) => {
    calls.push([name, start, count])
    return rc
  }
  const ip = {
    CreatePersistentTcpPortReservation: withToken('CreateTcp'),
    CreatePersistentUdpPortReservation: withToken('CreateUdp'),
    LookupPersistentTcpPortReservation: withToken('LookupTcp'),
    LookupPersistentUdpPortReservation: withToken('LookupUdp'),
    DeletePersistentTcpPortReservation: remove('DeleteTcp'),
    DeletePersistentUdpPortReservation: remove('DeleteUdp'),
  } as unknown as Iphlpapi
  return { ip, calls }
}

describe('persistent reservations', () => {
  it('passes StartPort in network byte order and returns the token as a bigint', () => {
    const { ip, calls } = fakeIphlpapi(0, 12345)
    const p = persistentReservations(ip)
    expect(p.create('tcp', { startPort: 5000, count: 3 })).toBe(12345n)
    expect(p.lookup('udp', { startPort: 5000, count: 3 })).toBe(12345n)
    p.delete('udp', { startPort: 5000, count: 3 })
    expect(calls).toEqual([
      ['CreateTcp', 0x8813, 3],
      ['LookupUdp', 0x8813, 3],
      ['DeleteUdp', 0x8813, 3],
    ])
  })

  it('keeps a token past 2^53 exact', () => {
    const { ip } = fakeIphlpapi(0, 2n ** 63n + 1n)
    expect(persistentReservations(ip).lookup('tcp', { startPort: 1, count: 1 })).toBe(
      2n ** 63n + 1n,
    )
  })

  it('maps the return code to a typed error', () => {
    const { ip } = fakeIphlpapi(5, 0)
    expect(() => persistentReservations(ip).delete('tcp', { startPort: 80, count: 1 })).toThrow(
      expect.objectContaining({ kind: 'permission-denied' }),
    )
  })

  it('refuses what a USHORT cannot carry before calling Windows', () => {
    const { ip, calls } = fakeIphlpapi(0, 1)
    const p = persistentReservations(ip)
    expect(() => p.create('tcp', { startPort: 70000, count: 1 })).toThrow(PortwardenError)
    expect(() => p.create('tcp', { startPort: 1, count: -1 })).toThrow(/between 0 and 65535/)
    expect(calls).toEqual([])
  })

  it('treats a success without a token as internal', () => {
    const { ip } = fakeIphlpapi(0, 0)
    expect(() => persistentReservations(ip).create('udp', { startPort: 1, count: 1 })).toThrow(
      expect.objectContaining({ kind: 'internal' }),
    )
  })

  it('reads ERROR_NOT_FOUND (1168, documented) and 87 for a well-formed block both as not-found', () => {
    for (const rc of [1168, 87]) {
      const p = persistentReservations(fakeIphlpapi(rc, 0).ip)
      const span = { startPort: 42000, count: 5 }
      expect(() => p.lookup('tcp', span)).toThrow(
        expect.objectContaining({
          kind: 'not-found',
          message: expect.stringMatching(/starts and ends exactly/),
        }),
      )
      expect(() => p.delete('udp', span)).toThrow(expect.objectContaining({ kind: 'not-found' }))
    }
    // 87 for a block Windows cannot take at all stays invalid-input, and Create keeps 87 as is.
    const p = persistentReservations(fakeIphlpapi(87, 0).ip)
    expect(() => p.lookup('tcp', { startPort: 0, count: 5 })).toThrow(
      expect.objectContaining({ kind: 'invalid-input' }),
    )
    expect(() => p.create('tcp', { startPort: 42000, count: 5 })).toThrow(
      expect.objectContaining({ kind: 'invalid-input' }),
    )
  })
})
