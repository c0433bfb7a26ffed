import { describe, expect, it } from 'vitest'
import type { BindProbe } from '../../../shared/bind-probe'
import { ipv6Bytes } from '../ipv6-bytes'
import { probeBind, sockaddrFor, wsaFailure } from './probe-bind'
import type { Ws2_32 } from './ws2_32'

/** A scripted Winsock recording every call a probe makes. */
function fakeWinsock(bindError = 0) {
  const calls: string[] = []
  let last = 0
  const ws = {
    ready: () => {},
    WSASocketW: (af: number, type: number, proto: number, _i: null, _g: number, flags: number) => {
      calls.push(`WSASocketW(${af},${type},${proto},flags=0x${flags.toString(16)})`)
      return 11
    },
    setsockopt: (_s: number, level: number, name: number, value: Buffer) => {
      calls.push(`setsockopt(${level},${name},${value.readInt32LE(0)})`)
      return 0
    },
    bind: (_s: number, addr: Buffer, len: number) => {
      calls.push(`bind(port ${addr.readUInt16BE(2)}, ${len} bytes)`)
      if (bindError) last = bindError
      return bindError ? -1 : 0
    },
    closesocket: () => (calls.push('closesocket'), 0),
    WSAGetLastError: () => last,
  } as unknown as Ws2_32
  return { ws, calls }
}

const probe = (p: Partial<BindProbe>): BindProbe => ({
  protocol: 'tcp',
  address: '0.0.0.0',
  port: 8080,
  reuse: 'none',
  v6only: true,
  ...p,
})

describe('the Windows test bind (scripted Winsock)', () => {
  it("reuse 'none' is SO_EXCLUSIVEADDRUSE on a non-inheritable socket, closed at once, never listening", () => {
    const { ws, calls } = fakeWinsock()
    expect(probeBind(ws, probe({}))).toEqual({ ok: true })
    expect(calls).toEqual([
      'WSASocketW(2,1,6,flags=0x80)',
      'setsockopt(65535,-5,1)',
      'bind(port 8080, 16 bytes)',
      'closesocket',
    ])
  })

  it("reuse 'addr' is SO_REUSEADDR; IPv6 sets IPV6_V6ONLY as asked; UDP is a datagram socket", () => {
    const { ws, calls } = fakeWinsock()
    probeBind(ws, probe({ protocol: 'udp', address: '::', reuse: 'addr', v6only: false, port: 53 }))
    expect(calls).toEqual([
      'WSASocketW(23,2,17,flags=0x80)',
      'setsockopt(65535,4,1)',
      'setsockopt(41,27,0)',
      'bind(port 53, 28 bytes)',
      'closesocket',
    ])
  })

  it('answers a refused bind with the Winsock name and text, and still closes the socket', () => {
    const { ws, calls } = fakeWinsock(10048)
    expect(probeBind(ws, probe({ address: '127.0.0.1' }))).toEqual({
      ok: false,
      code: 'WSAEADDRINUSE',
      errno: 10048,
      message: expect.stringMatching(/^Only one usage of each socket address/),
    })
    expect(calls.at(-1)).toBe('closesocket')
    expect(wsaFailure(10013)).toMatchObject({ code: 'WSAEACCES' })
    expect(wsaFailure(12345)).toMatchObject({ code: 'WSA error 12345', errno: 12345 })
  })

  it("refuses reuse 'port' (SO_REUSEPORT is not Windows) as invalid-input before any socket", () => {
    const { ws, calls } = fakeWinsock()
    expect(() => probeBind(ws, probe({ reuse: 'port' }))).toThrow(
      expect.objectContaining({
        kind: 'invalid-input',
        message: expect.stringMatching(/SO_REUSEPORT/),
      }),
    )
    expect(calls).toEqual([])
  })

  it('builds SOCKADDR_IN and SOCKADDR_IN6, with a numeric scope only', () => {
    const v4 = sockaddrFor('192.168.1.20')
    expect([...v4.addr.subarray(0, 8)]).toEqual([2, 0, 0, 0, 192, 168, 1, 20])
    const v6 = sockaddrFor('fe80::1%12')
    expect(v6.addr.readUInt16LE(0)).toBe(23)
    expect(v6.addr.subarray(8, 24).toString('hex')).toBe('fe800000000000000000000000000001')
    expect(v6.addr.readUInt32LE(24)).toBe(12)
    expect(() => sockaddrFor('fe80::1%eth0')).toThrow(/interface index/)
    expect(ipv6Bytes('::ffff:10.0.0.1').toString('hex')).toBe('00000000000000000000ffff0a000001')
    expect(ipv6Bytes('2001:db8::').toString('hex')).toBe('20010db8000000000000000000000000')
  })
})
