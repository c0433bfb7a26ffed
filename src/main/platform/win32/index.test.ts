import { describe, expect, it } from 'vitest'
import { PortwardenError } from '../../../shared/errors'
import { createWin32Backend } from '.'
import { lazyDll } from './lazy-dll'

const kindOf = (fn: () => unknown) => {
  try {
    fn()
  } catch (err) {
    return err instanceof PortwardenError ? [err.kind, err.message] : ['not a PortwardenError']
  }
  return ['no error']
}

describe('the win32 backend off Windows (bindings are lazy)', () => {
  it('constructs on Linux without loading any DLL', () => {
    const backend = createWin32Backend({ isPrivileged: () => false })
    expect(backend.id).toBe('win32-port-pool')
    expect(backend.isPrivileged()).toBe(false)
    expect(backend.reservedRangesBlockBinds).toBe(true)
  })

  it('a missing ws2_32 surfaces as not-supported on first use', () => {
    const backend = createWin32Backend({ osBuild: () => 19045 })
    expect(kindOf(() => backend.acquireBlock({ protocol: 'tcp', startPort: 0, count: 1 }))).toEqual(
      ['not-supported', 'Windows Sockets (ws2_32.dll) is not available on this system.'],
    )
  })

  it('a missing iphlpapi surfaces as not-supported for persistent reservations', () => {
    const { persistent } = createWin32Backend()
    expect(kindOf(() => persistent.lookup('udp', { startPort: 5000, count: 1 }))[0]).toBe(
      'not-supported',
    )
  })
})

describe('lazyDll', () => {
  const fn = lazyDll('libc.so.6', {
    library: 'no libc',
    func: (name) => `Persistent port reservations are not supported on this system (${name}).`,
  })

  it('binds a function on its first call', () => {
    const abs = fn<(v: number) => number>('int abs(int v)')
    expect(abs(-3)).toBe(3)
  })

  it('turns "Cannot find function" into not-supported naming the export', () => {
    const missing = fn<() => number>('ULONG CreatePersistentTcpPortReservation()')
    expect(kindOf(missing)).toEqual([
      'not-supported',
      'Persistent port reservations are not supported on this system (CreatePersistentTcpPortReservation).',
    ])
  })
})

describe('the win32 backend off Windows: Windows-only facts fail cleanly', () => {
  it('the build gate runs before any socket: below 17763 acquire is not-supported', () => {
    const backend = createWin32Backend({ osBuild: () => 17134 })
    expect(kindOf(() => backend.acquireBlock({ protocol: 'udp', startPort: 0, count: 1 }))).toEqual(
      ['not-supported', expect.stringMatching(/build 17763\) or later; this is build 17134/)],
    )
    expect(kindOf(() => backend.associateProbe(1n, 'tcp'))[0]).toBe('not-supported')
  })

  it('elevation (CheckTokenMembership) answers false where advapi32 is missing', () => {
    expect(createWin32Backend().isPrivileged()).toBe(false)
  })

  it('HNS guest reservations are "not available", and the listing caveats are data', () => {
    const backend = createWin32Backend()
    expect(backend.guestPortReservations()).toMatchObject({ available: false })
    expect(backend.listingCaveats.join(' ')).toMatch(/bound but neither listening nor connected/)
    expect(backend.listingCaveats.join(' ')).toMatch(/WSAEADDRINUSE \(10048\)/)
  })

  it('probeBind refuses SO_REUSEPORT as invalid-input (Linux only)', () => {
    const backend = createWin32Backend()
    const probe = {
      protocol: 'tcp',
      address: '0.0.0.0',
      port: 1,
      reuse: 'port',
      v6only: true,
    } as const
    expect(kindOf(() => backend.probeBind(probe))[0]).toBe('invalid-input')
  })
})
