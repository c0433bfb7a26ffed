import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { threadId } from 'node:worker_threads'
import { afterEach, describe, expect, it } from 'vitest'
import type { InventoryDelta } from '../../../shared/inventory'
import { WorkerInventory } from './worker-inventory'
import { nextDelta } from '../../../../test/support/next-delta'

const SCRIPT = resolve('src/main/services/inventory-worker/worker.ts')
const TEST_BACKEND = resolve('test/support/worker-test-backend.ts')

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const undo of cleanups.splice(0).reverse()) await undo()
})

/** A TCP listener in a child process; resolves with its port and pid. */
async function listener(): Promise<{ port: number; pid: number }> {
  const child = spawn(process.execPath, [
    '-e',
    "const s=require('net').createServer().listen(0,'127.0.0.1',()=>console.log(s.address().port))",
  ])
  cleanups.push(() => child.kill())
  const port = Number(await new Promise((r) => child.stdout.once('data', r)))
  return { port, pid: child.pid! }
}

const hasPort = (port: number) => (d: InventoryDelta) =>
  d.socketsAdded.some((s) => s.localPort === port)

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 20))
  }
}

/** A WorkerInventory over the test backend, steered through a control file. */
function steered(hangMs?: number) {
  const dir = mkdtempSync(join(tmpdir(), 'pw-worker-'))
  const control = join(dir, 'control')
  writeFileSync(control, 'ok')
  process.env['PORTWARDEN_TEST_CONTROL'] = control // workers copy env when they start
  const inv = new WorkerInventory({
    script: SCRIPT,
    backendModule: TEST_BACKEND,
    intervalMs: 150,
    hangMs,
  })
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  cleanups.push(() => inv.stop())
  const cue = (c: 'ok' | 'hang' | 'crash' | 'bad-record') => writeFileSync(control, c)
  const midPoll = () => existsSync(`${control}.state`)
  return { inv, cue, midPoll, stateFile: `${control}.state` }
}

describe('WorkerInventory (real backend in a worker thread, real sockets)', () => {
  it('reads the OS in another thread and mirrors its deltas on this one', async () => {
    const inv = new WorkerInventory({ script: SCRIPT, intervalMs: 150 })
    cleanups.push(() => inv.stop())
    inv.start()
    const first = await inv.ready()
    expect(first.status.source).toBe('netlink')
    const { port, pid } = await listener()
    const added = await nextDelta(inv, hasPort(port))
    const entry = added.socketsAdded.find((s) => s.localPort === port)!
    expect(entry).toMatchObject({ protocol: 'tcp', state: 'LISTEN', localAddress: '127.0.0.1' })
    expect(entry.owners.map((o) => o.pid)).toContain(pid)
    // The mirror on this thread has it too, and the worker is not this thread.
    expect(inv.snapshot().sockets.some((s) => s.localPort === port)).toBe(true)
    expect(threadId).toBe(0)
  })

  it('refresh() resolves after a reading that includes what just changed', async () => {
    const inv = new WorkerInventory({ script: SCRIPT, intervalMs: 60_000 })
    cleanups.push(() => inv.stop())
    inv.start()
    await inv.ready()
    const { port } = await listener()
    expect(inv.snapshot().sockets.some((s) => s.localPort === port)).toBe(false)
    await inv.refresh()
    expect(inv.snapshot().sockets.some((s) => s.localPort === port)).toBe(true)
  })

  it('a worker killed mid-poll: data marked stale at once, kept, then fresh from a new worker', async () => {
    const { inv, cue, midPoll } = steered()
    inv.start()
    await inv.ready()
    const before = await listener()
    await nextDelta(inv, hasPort(before.port))

    cue('hang')
    await until(midPoll) // the worker is inside listSockets() now, and will not come out
    cue('ok') // for the next worker
    const stale = nextDelta(inv, (d) => d.status.stale !== undefined)
    await inv.killWorker()
    const staleDelta = await stale
    expect(staleDelta.status.stale!.message).toMatch(/inventory reader stopped.*restarting/)
    // The last good data is kept (and flagged), not dropped.
    expect(inv.snapshot().sockets.some((s) => s.localPort === before.port)).toBe(true)
    expect(inv.snapshot().status.stale).toBeDefined()

    // A socket opened while the worker was down arrives with the new worker's first reading.
    const during = await listener()
    const recovered = await nextDelta(
      inv,
      (d) => d.status.stale === undefined && hasPort(during.port)(d),
    )
    expect(recovered.socketsRemoved.some((k) => k.includes(` ${before.port} `))).toBe(false)
    expect(inv.started).toBe(2)
    expect(inv.snapshot().status.stale).toBeUndefined()
  })

  it('a worker that hangs is killed by the watchdog and replaced', async () => {
    const { inv, cue, midPoll } = steered(1_000)
    inv.start()
    await inv.ready()
    cue('hang')
    await until(midPoll)
    cue('ok')
    const stale = await nextDelta(inv, (d) => d.status.stale !== undefined)
    expect(stale.status.stale!.message).toContain('restarting')
    await nextDelta(inv, (d) => d.status.stale === undefined)
    expect(inv.started).toBe(2)
  })

  it('a worker that crashes (uncaught error) says why in the stale marker, and recovers', async () => {
    const { inv, cue } = steered()
    inv.start()
    await inv.ready()
    const stale = nextDelta(inv, (d) => d.status.stale !== undefined)
    cue('crash')
    const { status } = await stale
    expect(status.stale!.message).toContain('the test crashed the worker')
    cue('ok')
    await nextDelta(inv, (d) => d.status.stale === undefined)
    expect(inv.started).toBeGreaterThanOrEqual(2)
  })

  it('a delta the contract refuses never reaches main: the worker checks it, keeps the last good data marked stale with why, and recovers', async () => {
    const { inv, cue } = steered()
    inv.start()
    await inv.ready()
    const heard: InventoryDelta[] = []
    inv.onChange((d) => heard.push(d))
    const stale = nextDelta(inv, (d) => d.status.stale !== undefined)
    cue('bad-record')
    const { status } = await stale
    expect(status.stale!.message).toMatch(/localPort|65535|too big/i)
    expect(heard.flatMap((d) => d.socketsAdded).some((s) => s.localPort === 70_000)).toBe(false)
    expect(inv.snapshot().sockets.some((s) => s.localPort === 70_000)).toBe(false)
    cue('ok')
    await nextDelta(inv, (d) => d.status.stale === undefined)
  })

  it('stop() ends the worker: no more readings reach the listeners', async () => {
    const inv = new WorkerInventory({ script: SCRIPT, intervalMs: 50 })
    inv.start()
    await inv.ready()
    inv.stop()
    let heard = 0
    inv.onChange(() => heard++)
    await listener()
    await new Promise((r) => setTimeout(r, 400))
    expect(heard).toBe(0)
  })
})

describe('WorkerInventory before its first reading', () => {
  it('snapshot() reads once on this thread (with the fallback backend), then the worker takes over', async () => {
    const { createLinuxBackend } = await import('../../platform/linux')
    const inv = new WorkerInventory({
      script: SCRIPT,
      intervalMs: 150,
      fallbackBackend: createLinuxBackend(),
    })
    cleanups.push(() => inv.stop())
    const { port } = await listener()
    inv.start()
    // Asked at once: the worker is still loading, so this thread lists the sockets itself.
    expect(inv.snapshot().sockets.some((s) => s.localPort === port)).toBe(true)
    await inv.ready()
    await inv.refresh() // the worker's own reading now
    expect(inv.snapshot().sockets.some((s) => s.localPort === port)).toBe(true)
  })

  it('without a fallback, snapshot() says the first reading is not in yet', () => {
    const inv = new WorkerInventory({ script: SCRIPT, intervalMs: 150 })
    expect(() => inv.snapshot()).toThrow('could not read the ports in use')
  })
})
