import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { invokeChannelNames } from '../../shared/contract'
import { createAppServices } from '../services/app-services'
import { createHandlers } from './handlers'

const services = createAppServices()
const handlers = createHandlers(services)
afterAll(() => services.runtime.releaseAll())

describe('IPC handler registry (no Electron; the same handlers ipcMain calls)', () => {
  it('has a handler for every contract channel', () => {
    expect(Object.keys(handlers).sort()).toEqual([...invokeChannelNames].sort())
  })

  it('answers a valid reserve with an ok envelope and a parsed reservation', async () => {
    const r = await handlers['runtime:reserve']({ protocol: 'udp', startPort: 0, count: 2 })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    const value = r.value as { token: string; count: number }
    expect(value.count).toBe(2)
    expect(await handlers['runtime:release']({ token: value.token })).toMatchObject({ ok: true })
  })

  it.each([
    ['runtime:reserve', { protocol: 'tcp', startPort: 2, count: 65535 }],
    ['runtime:reserve', { protocol: 'tcp', startPort: 0, count: 1, extra: true }],
    ['runtime:reserve', { protocol: 'tcp', startPort: '80', count: 1 }],
    ['runtime:reserve', { protocol: 'tcp', startPort: Number.NaN, count: 1 }],
    ['runtime:reserve', null],
    ['runtime:release', { token: 5 }],
    ['runtime:release', { token: '2'.repeat(25) }],
    ['runtime:list', { sneaky: 1 }],
    ['app:info', 'x'],
    ['ports:check', { protocol: 'tcp', ports: '70000' }],
    ['ports:check', { protocol: 'tcp', ports: '80-70' }],
    ['ports:check', { protocol: 'tcp', ports: 3000 }],
    ['ports:check', { protocol: 'tcp', ports: '1,'.repeat(6000) }],
    // Invalid before anything is touched: these never reach the host's sysctl.
    ['reserved:add', { startPort: 65535, count: 2 }],
    ['reserved:add', { startPort: 0, count: 1 }],
    ['reserved:remove', { startPort: 8000, count: 1, persist: 'yes' }],
    ['inventory:snapshot', 1],
  ] as const)('%s rejects %j as invalid-input', async (channel, input) => {
    const r = await handlers[channel](input)
    expect(r).toMatchObject({ ok: false, error: { kind: 'invalid-input' } })
  })

  it('answers a port check with one verdict per port', async () => {
    const r = await handlers['ports:check']({ protocol: 'udp', ports: '40000-40002,40010' })
    expect(r.ok && (r.value as { port: number }[]).map((v) => v.port)).toEqual([
      40000, 40001, 40002, 40010,
    ])
  })

  it('answers an inventory snapshot that names its source', async () => {
    const r = await handlers['inventory:snapshot'](undefined)
    expect(r).toMatchObject({ ok: true, value: { status: { source: 'netlink' } } })
  })

  it('unknown and double-released tokens come back as typed errors', async () => {
    const r = await handlers['runtime:reserve']({ protocol: 'tcp', startPort: 0, count: 1 })
    if (!r.ok) throw new Error(r.error.message)
    const { token } = r.value as { token: string }
    await handlers['runtime:release']({ token })
    expect(await handlers['runtime:release']({ token })).toMatchObject({
      ok: false,
      error: { kind: 'already-released' },
    })
    expect(await handlers['runtime:release']({ token: '42' })).toMatchObject({
      ok: false,
      error: { kind: 'not-found' },
    })
  })

  it('never throws and never changes state for arbitrary input on any channel', async () => {
    const keep = await handlers['runtime:reserve']({ protocol: 'tcp', startPort: 0, count: 1 })
    const before = services.runtime.list()
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('runtime:reserve', 'runtime:release', 'runtime:list'),
        fc.anything({ withNullPrototype: true, withBigInt: true, withSparseArray: true }),
        async (channel, input) => {
          const r = await handlers[channel as 'runtime:reserve'](input)
          // Either rejected with a typed error, or (for a lucky valid reserve) released at once.
          if (r.ok && channel === 'runtime:reserve') {
            await handlers['runtime:release']({ token: (r.value as { token: string }).token })
          } else if (!r.ok) {
            expect(r.error.kind).toMatch(/^(invalid-input|not-found|port-in-use|no-free-block)$/)
          }
        },
      ),
      { numRuns: 300 },
    )
    expect(services.runtime.list()).toEqual(before)
    expect(keep.ok).toBe(true)
  })
})
