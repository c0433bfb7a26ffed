import { describe, expect, it } from 'vitest'
import type { DynamicPortRange } from '../../shared/inventory'
import type { PortSpan } from '../../shared/ranges'
import type { PortBackend } from '../platform/backend'
import type { HostChangeQuestion } from './confirm'
import { Elevation } from './elevation/elevate'
import { recordingRunner } from './elevation/fake'
import { noElevation } from './elevation/runner'
import type { Inventory } from './inventory'
import { ReservedRangeService } from './reserved-ranges'

const dynamic: DynamicPortRange[] = [
  { protocols: ['tcp', 'udp'], startPort: 32768, endPort: 60999, origin: 'test' },
]
/** A backend whose reserved-range editor only records (stand-in: nothing reaches the kernel). */
function fakeBackend(privileged: boolean) {
  const edits: [string, PortSpan, boolean][] = []
  const backend = {
    isPrivileged: () => privileged,
    dynamicRanges: () => dynamic,
    reservedRangeEditor: {
      add: (span: PortSpan, persist: boolean) => (edits.push(['add', span, persist]), [span]),
      remove: (span: PortSpan, persist: boolean) => (edits.push(['remove', span, persist]), []),
      persisted: () => [{ startPort: 8000, count: 11 }],
    },
  } as unknown as PortBackend
  return { backend, edits }
}
const inventory = {
  snapshot: () => ({ dynamicRanges: dynamic }),
  refresh: () => Promise.resolve(),
} as unknown as Inventory

function setup(privileged: boolean, answer: boolean) {
  const { backend, edits } = fakeBackend(privileged)
  const asked: HostChangeQuestion[] = []
  const runner = recordingRunner((args) => ({
    code: 0,
    stdout: JSON.stringify({ ranges: [{ startPort: 1, count: 1 }], elevated: false }),
    stderr: args.join(' '),
  }))
  const service = new ReservedRangeService(backend, inventory, {
    confirm: (q) => (asked.push(q), answer),
    elevation: new Elevation(runner, 'linux'),
  })
  return { service, edits, asked, runner }
}

describe('reserved ranges: main confirms host changes, then changes them itself or elevates (stand-in editor and runner)', () => {
  it.each([
    [
      'inside the dynamic range',
      { startPort: 40000, count: 10 },
      /overlaps the dynamic range 32768–60999/,
    ],
    ['more than 1,000 ports', { startPort: 10000, count: 1001 }, /covers 1,001 ports/],
    ['persisting', { startPort: 8000, count: 2, persist: true }, /kept across reboots/],
    ['the whole port space', { startPort: 1, count: 65535 }, /dynamic range.*65,535 ports/],
  ])('asks before a range %s; "no" changes nothing', async (_what, change, why) => {
    const { service, edits, asked, runner } = setup(true, false)
    await expect(service.add(change)).rejects.toMatchObject({ kind: 'cancelled' })
    expect(asked).toHaveLength(1)
    expect(asked[0]!.detail).toMatch(why)
    expect(edits).toEqual([])
    expect(runner.calls).toEqual([])
  })

  it('a small range outside the dynamic range needs no question; a persistent remove does', async () => {
    const { service, edits, asked } = setup(true, true)
    await service.add({ startPort: 8000, count: 11 })
    expect(asked).toEqual([])
    const r = await service.remove({ startPort: 8000, count: 11, persist: true })
    expect(asked.map((q) => q.message)).toEqual(['Stop reserving ports 8000–8010?'])
    expect(edits).toEqual([
      ['add', { startPort: 8000, count: 11 }, false],
      ['remove', { startPort: 8000, count: 11 }, true],
    ])
    expect(r.elevated).toBe(false)
  })

  it('a live-only remove of a persisted range says it comes back at boot', async () => {
    const { service } = setup(true, true)
    const r = await service.remove({ startPort: 8005, count: 20 })
    expect(r.returnsAtBoot).toEqual([{ startPort: 8005, count: 6 }])
    expect(r.persisted).toEqual([{ startPort: 8000, count: 11 }])
  })

  it('unprivileged: asks, then runs the elevated helper with exactly that change; never the editor', async () => {
    const { service, edits, asked, runner } = setup(false, true)
    const r = await service.add({ startPort: 40000, count: 10, persist: true })
    expect(asked).toHaveLength(1)
    expect(runner.calls).toEqual([
      ['helper', 'reserved', 'add', '40000-40009', '--persist', '--json'],
    ])
    expect(r.elevated).toBe(true)
    expect(edits).toEqual([])
  })

  it('unprivileged with no way to elevate: the exact command, before any question', async () => {
    const { backend, edits } = fakeBackend(false)
    const asked: unknown[] = []
    const service = new ReservedRangeService(backend, inventory, {
      confirm: (q) => (asked.push(q), true),
      elevation: new Elevation(noElevation('pkexec (polkit) is not installed'), 'linux'),
    })
    await expect(service.add({ startPort: 40000, count: 10 })).rejects.toMatchObject({
      kind: 'permission-denied',
      detail: 'sudo npx portwarden reserved add 40000-40009 --yes',
    })
    expect(asked).toEqual([])
    expect(edits).toEqual([])
  })

  it('without a confirm function (nothing to ask with), a change that needs one is refused', async () => {
    const { backend, edits } = fakeBackend(true)
    const service = new ReservedRangeService(backend, inventory)
    await expect(service.add({ startPort: 1, count: 65535 })).rejects.toMatchObject({
      kind: 'cancelled',
    })
    expect(edits).toEqual([])
  })
})
