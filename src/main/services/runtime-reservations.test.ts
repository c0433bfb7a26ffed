import { afterEach, describe, expect, it } from 'vitest'
import { portwardenErrorOf } from '../../../test/support/errors'
import { outcomes, probeBinds } from '../../../test/support/bind-probe'
import { portsOf } from '../../shared/ranges'
import { createLinuxBackend } from '../platform/linux'
import { RuntimeReservationService } from './runtime-reservations'

const service = new RuntimeReservationService(createLinuxBackend())
afterEach(() => void service.releaseAll())

describe('RuntimeReservationService with the Linux backend (real sockets)', () => {
  it('reserves, lists and releases a block, freeing its ports', async () => {
    const r = service.reserve({ protocol: 'tcp', startPort: 0, count: 3 })
    expect(service.list()).toEqual([r])
    expect(Date.parse(r.acquiredAt)).not.toBeNaN()
    expect(outcomes(await probeBinds('tcp', '::', portsOf(r)))).toEqual(['EADDRINUSE'])
    expect(service.release(r.token)).toEqual(r)
    expect(service.list()).toEqual([])
    expect(outcomes(await probeBinds('tcp', '::', portsOf(r)))).toEqual(['ok'])
  })

  it('tells "already released" from "unknown token", leaving other blocks held', async () => {
    const keep = service.reserve({ protocol: 'udp', startPort: 0, count: 2 })
    const gone = service.reserve({ protocol: 'udp', startPort: 0, count: 2 })
    service.release(gone.token)
    expect(portwardenErrorOf(() => service.release(gone.token)).kind).toBe('already-released')
    expect(portwardenErrorOf(() => service.release('123456789')).kind).toBe('not-found')
    expect(service.list()).toEqual([keep])
    expect(outcomes(await probeBinds('udp', '0.0.0.0', portsOf(keep)))).toEqual(['EADDRINUSE'])
  })

  it.each([
    [{ protocol: 'tcp', startPort: 65535, count: 2 }, 'runs past port 65535'],
    [{ protocol: 'tcp', startPort: 70000, count: 1 }, '1–65535'],
    [{ protocol: 'tcp', startPort: -1, count: 1 }, '1–65535'],
    [{ protocol: 'tcp', startPort: 0, count: 0 }, 'at least 1 port'],
    [{ protocol: 'tcp', startPort: 0, count: 1.5 }, 'whole number'],
    [{ protocol: 'sctp', startPort: 0, count: 1 }, ''],
  ])('rejects %j without touching held blocks', (request, message) => {
    const keep = service.reserve({ protocol: 'tcp', startPort: 0, count: 1 })
    const err = portwardenErrorOf(() => service.reserve(request as never))
    expect(err.kind).toBe('invalid-input')
    expect(err.message).toContain(message)
    expect(service.list()).toEqual([keep])
  })

  it('rejects malformed tokens as invalid input', () => {
    for (const token of ['0', '-1', 'abc', '18446744073709551616', ' 1', '01', '']) {
      expect(portwardenErrorOf(() => service.release(token)).kind, token).toBe('invalid-input')
    }
  })

  it('a refused block (port in use) leaves every other reservation intact', () => {
    const held = service.reserve({ protocol: 'tcp', startPort: 0, count: 4 })
    const err = portwardenErrorOf(() =>
      service.reserve({ protocol: 'tcp', startPort: held.startPort + 2, count: 4 }),
    )
    expect(err.kind).toBe('port-in-use')
    expect(service.list()).toEqual([held])
  })

  it('pushes a full snapshot to listeners after every change, until unsubscribed', () => {
    const seen: number[] = []
    const off = service.onChange((s) => seen.push(s.length))
    const a = service.reserve({ protocol: 'tcp', startPort: 0, count: 1 })
    service.reserve({ protocol: 'udp', startPort: 0, count: 1 })
    service.release(a.token)
    service.releaseAll()
    off()
    service.reserve({ protocol: 'tcp', startPort: 0, count: 1 })
    expect(seen).toEqual([1, 2, 1, 0])
  })

  it('the associate probe is Windows-only: on Linux a clear not-supported; unknown tokens not-found', () => {
    const r = service.reserve({ protocol: 'tcp', startPort: 0, count: 1 })
    expect(portwardenErrorOf(() => service.associateProbe(r.token)).kind).toBe('not-supported')
    expect(portwardenErrorOf(() => service.associateProbe('77')).kind).toBe('not-found')
    expect(service.list()).toEqual([r])
  })

  it('releaseAll frees every block and reports how many', async () => {
    const blocks = [1, 2, 3].map(() => service.reserve({ protocol: 'tcp', startPort: 0, count: 2 }))
    expect(service.releaseAll()).toBe(3)
    expect(service.releaseAll()).toBe(0)
    const ports = blocks.flatMap(portsOf)
    expect(outcomes(await probeBinds('tcp', '0.0.0.0', ports))).toEqual(['ok'])
  })
})
