import { describe, expect, it } from 'vitest'
import { acquireReservation, associateProbe, releaseReservation } from './runtime'
import { INVALID_SOCKET, SIO_ACQUIRE_PORT_RESERVATION, type Ws2_32 } from './ws2_32'

/**
 * A scripted Winsock: enough to check what runtime.ts sends and how it reads the answers. The
 * real marshalling is exercised by the Windows lane (npm run test:win).
 */
function fakeWinsock(script: {
  ioctl?: number
  lastError?: number
  token?: bigint
  start?: number
}) {
  const closed: unknown[] = []
  const inputs: Buffer[] = []
  const socketFlags: number[] = []
  let lastError = 0
  const ws: Ws2_32 = {
    ready: () => {},
    socket: () => 7,
    WSASocketW: (_af, _type, _proto, _info, _group, flags) => (socketFlags.push(flags), 7),
    setsockopt: () => 0,
    closesocket: (s) => (closed.push(s), 0),
    bind: () => 0,
    getsockname: (_s, addr) => (addr.writeUInt16BE(script.start ?? 0, 2), 0),
    WSAIoctl(_s, code, input, _il, output) {
      inputs.push(Buffer.from(input ?? Buffer.alloc(0)))
      if (script.ioctl) return ((lastError = script.ioctl), -1)
      if (code === SIO_ACQUIRE_PORT_RESERVATION && output) {
        output.writeUInt16BE(script.start ?? 49152, 0)
        output.writeUInt16LE(input?.readUInt16LE(2) ?? 0, 2)
        output.writeBigUInt64LE(script.token ?? 1n, 8)
      }
      return 0
    },
    WSAGetLastError: () => lastError || (script.lastError ?? 0),
  }
  return { ws, closed, inputs, socketFlags }
}

describe('runtime reservations (scripted Winsock)', () => {
  it('sends StartPort in network order and reads back the block and a bigint token', () => {
    const { ws, inputs, socketFlags } = fakeWinsock({ token: 5n, start: 5000 })
    const held = acquireReservation(ws, { protocol: 'tcp', startPort: 5000, count: 10 })
    expect([...(inputs[0] ?? [])]).toEqual([0x13, 0x88, 10, 0])
    // The socket holding the reservation is created non-inheritable (WSA_FLAG_NO_HANDLE_INHERIT).
    expect(socketFlags).toEqual([0x80])
    expect(held).toEqual({ socket: 7, token: 5n, protocol: 'tcp', startPort: 5000, count: 10 })
  })

  it('closes the socket and maps the error when the acquire fails', () => {
    const { ws, closed } = fakeWinsock({ ioctl: 10045 })
    expect(() => acquireReservation(ws, { protocol: 'udp', startPort: 5000, count: 1 })).toThrow(
      expect.objectContaining({ kind: 'not-supported' }),
    )
    expect(closed).toEqual([7])
  })

  it('a wildcard acquire the pool cannot satisfy is no-free-block', () => {
    const { ws } = fakeWinsock({ ioctl: 10055 })
    expect(() => acquireReservation(ws, { protocol: 'tcp', startPort: 0, count: 9 })).toThrow(
      expect.objectContaining({ kind: 'no-free-block' }),
    )
  })

  it('reports a failed socket() with WSAGetLastError', () => {
    const { ws } = fakeWinsock({ lastError: 10024 })
    ws.WSASocketW = () => INVALID_SOCKET
    expect(() => acquireReservation(ws, { protocol: 'tcp', startPort: 1, count: 1 })).toThrow(
      expect.objectContaining({ kind: 'resource-exhausted' }),
    )
  })

  it('release sends the 8-byte token; WSAEINVAL means this process holds no such token', () => {
    const ok = fakeWinsock({})
    releaseReservation(ok.ws, 7, 2n ** 64n - 1n)
    expect(ok.inputs[0]?.readBigUInt64LE(0)).toBe(2n ** 64n - 1n)
    const bad = fakeWinsock({ ioctl: 10022 })
    expect(() => releaseReservation(bad.ws, 7, 9n)).toThrow(
      expect.objectContaining({ kind: 'not-found' }),
    )
  })

  it('the associate probe returns the bound port and always closes its socket', () => {
    const { ws, closed } = fakeWinsock({ start: 41001 })
    expect(associateProbe(ws, 3n, 'udp')).toBe(41001)
    expect(closed).toEqual([7])
    const failing = fakeWinsock({ ioctl: 10013 })
    expect(() => associateProbe(failing.ws, 3n, 'tcp')).toThrow(
      expect.objectContaining({ kind: 'permission-denied' }),
    )
    expect(failing.closed).toEqual([7])
  })
})
