import { describe, expect, it } from 'vitest'
import { describeBlock, win32Error, winsockError } from './errors'

const acquire = (code: number) =>
  winsockError(code, 'WSAIoctl(SIO_ACQUIRE_PORT_RESERVATION)', 'reserve TCP ports 5000–5009')

describe('Winsock errors', () => {
  it.each([
    [10045, 'not-supported', /not supported by this system's network stack/],
    [10013, 'permission-denied', /excluded port range.*administrator/],
    [10022, 'invalid-input', /invalid/],
    [10048, 'port-in-use', /already in use or reserved/],
    [10055, 'resource-exhausted', /no buffer space/],
    [10024, 'resource-exhausted', /release a block/],
    [10014, 'internal', /invalid buffer/],
    [10038, 'internal', /no longer valid/],
    [10060, 'internal', /error 10060/],
  ] as const)('%i becomes %s', (code, kind, message) => {
    const err = acquire(code)
    expect(err.kind).toBe(kind)
    expect(err.message).toMatch(/^Could not reserve TCP ports 5000–5009: /)
    expect(err.message).toMatch(message)
    expect(err.detail).toContain(`(${code})`)
    expect(err.detail).toContain('SIO_ACQUIRE_PORT_RESERVATION')
  })

  it('names the Winsock constant in the detail', () => {
    expect(acquire(10045).detail).toBe(
      'WSAIoctl(SIO_ACQUIRE_PORT_RESERVATION) failed: WSAEOPNOTSUPP (10045)',
    )
  })
})

describe('Win32 errors of the persistent-reservation calls', () => {
  const block = describeBlock('udp', { startPort: 5000, count: 10 })
  const call = 'CreatePersistentUdpPortReservation'

  it('ERROR_ACCESS_DENIED asks for an elevated administrator and says how', () => {
    const err = win32Error(5, call, block)
    expect(err.kind).toBe('permission-denied')
    expect(err.message).toMatch(/elevated administrator/)
    expect(err.message).toMatch(/run Portwarden as administrator/)
    expect(err.detail).toBe(`${call} returned ERROR_ACCESS_DENIED (5)`)
  })

  it.each([
    [32, 'port-in-use', /UDP ports 5000–5009 overlaps an existing reservation or a port in use/],
    [1168, 'not-found', /No persistent reservation of UDP ports 5000–5009/],
    [87, 'invalid-input', /match its start and count exactly/],
    [1, 'internal', /error 1 /],
  ] as const)('%i becomes %s', (code, kind, message) => {
    const err = win32Error(code, call, block)
    expect(err.kind).toBe(kind)
    expect(err.message).toMatch(message)
  })

  it('describes single ports, blocks and empty blocks', () => {
    expect(describeBlock('tcp', { startPort: 80, count: 1 })).toBe('TCP port 80')
    expect(describeBlock('tcp', { startPort: 80, count: 0 })).toBe('an empty TCP block at port 80')
  })
})
