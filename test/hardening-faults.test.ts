// Faults: descriptors running out in the middle of a block (in this process, and in a child
// under a lowered RLIMIT_NOFILE), a poll that throws, and a holder killed with -9.
import { execFile, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { promisify } from 'node:util'
import koffi from 'koffi'
import { afterAll, describe, expect, it } from 'vitest'
import type { InventoryDelta } from '../src/shared/inventory'
import type { Result } from '../src/shared/errors'
import type { HolderRecord } from '../src/shared/holders'
import type { RuntimeReservation } from '../src/shared/model'
import { portsOf } from '../src/shared/ranges'
import { createHandlers } from '../src/main/ipc/handlers'
import type { PortBackend } from '../src/main/platform/backend'
import { createLinuxBackend } from '../src/main/platform/linux'
import { createAppServices } from '../src/main/services/app-services'
import { InventoryService } from '../src/main/services/inventory'
import { outcomes, probeBinds } from './support/bind-probe'
import { BIN, startReserveHolder } from './support/cli-holder'
import { highestFd, openFdCount } from './support/fd-count'

const scratch = mkdtempSync(join(tmpdir(), 'portwarden-faults-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

// RLIMIT_NOFILE of this very process, through libc (Node has no setrlimit).
const libc = koffi.load('libc.so.6')
const RLimit = koffi.struct('portwarden_test_rlimit', { cur: 'uint64', max: 'uint64' })
const getrlimit = libc.func('int getrlimit(int resource, _Out_ portwarden_test_rlimit *rlim)')
const setrlimit = libc.func('int setrlimit(int resource, const portwarden_test_rlimit *rlim)')
const RLIMIT_NOFILE = 7

function nofile(): { cur: number; max: number } {
  const r = { cur: 0, max: 0 }
  if (getrlimit(RLIMIT_NOFILE, r) !== 0) throw new Error(`getrlimit: errno ${koffi.errno()}`)
  return { cur: Number(r.cur), max: Number(r.max) }
}
function setSoftNofile(cur: number, max: number): void {
  if (setrlimit(RLIMIT_NOFILE, { cur, max }) !== 0)
    throw new Error(`setrlimit: errno ${koffi.errno()}`)
}
void RLimit

describe('descriptors run out in the middle of a block', () => {
  const services = createAppServices({ holderDir: join(scratch, 'holders') })
  const handlers = createHandlers(services)
  afterAll(() => void services.runtime.releaseAll())

  /**
   * Calls the reserve handler with at most `spare` descriptors left. The service runs
   * synchronously inside the call, so the limit is back before anything else needs a descriptor.
   */
  function reserveWithSpareFds(spare: number, request: unknown): Promise<Result<unknown>> {
    const before = nofile()
    // New descriptors take the lowest free numbers: a limit just above the highest one in use
    // leaves at most `spare` (plus any holes below it).
    setSoftNofile(highestFd() + 1 + spare, before.max)
    try {
      return handlers['runtime:reserve'](request)
    } finally {
      setSoftNofile(before.cur, before.max)
    }
  }

  it.each([
    ['a specific block', 'tcp', true],
    ['a wildcard block', 'udp', false],
  ] as const)(
    '%s (%s): resource-exhausted, rolled back, other blocks kept (in-process, lowered RLIMIT_NOFILE)',
    async (_what, protocol, specific) => {
      const keep = services.runtime.reserve({ protocol, startPort: 0, count: 3 })
      // A stretch of 300 free ports, found by a wildcard acquire and let go again.
      const probe = services.runtime.reserve({ protocol, startPort: 0, count: 300 })
      services.runtime.release(probe.token)
      const fdsBefore = openFdCount()

      const request = { protocol, startPort: specific ? probe.startPort : 0, count: 300 }
      const r = await reserveWithSpareFds(40, request)

      expect(r).toMatchObject({ ok: false, error: { kind: 'resource-exhausted' } })
      if (r.ok) return
      expect(r.error.message).toContain('ulimit -n')
      expect(r.error.detail).toContain('EMFILE')
      expect(openFdCount()).toBe(fdsBefore) // every socket bound before the limit was closed
      expect(services.runtime.list()).toEqual([keep])
      // The ports bound before the limit hit are free again; the kept block is still held.
      const attempted = portsOf({ startPort: probe.startPort, count: 300 })
      expect(outcomes(await probeBinds(protocol, '::', attempted))).toEqual(['ok'])
      expect(outcomes(await probeBinds(protocol, '::', portsOf(keep)))).toEqual(['EADDRINUSE'])
      services.runtime.release(keep.token)
    },
  )

  it('EMFILE in a child under `prlimit --nofile=256:256`: a clear error, the earlier block still held', async () => {
    const child = spawn(
      'prlimit',
      [
        // Room for Node's own descriptors (about 60 on a cold tsx cache) and the small block,
        // far from enough for the large one.
        '--nofile=256:256',
        process.execPath,
        '--import',
        'tsx',
        resolve('test/support/emfile-child.ts'),
        join(scratch, 'child-holders'),
        '10',
        '1000',
      ],
      { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, NODE_OPTIONS: '' } },
    )
    const exited = new Promise<number | null>((r) => child.once('exit', r))
    const lines = createInterface({ input: child.stdout })
    const line = await new Promise<string>((r) => lines.once('line', r))
    console.log(`EMFILE child (prlimit --nofile=256:256) printed:\n${line}`)
    const result = JSON.parse(line) as {
      limit: { soft: number; hard: number }
      first: Result<RuntimeReservation>
      second: Result<RuntimeReservation>
      fdsAfterFirst: number
      fdsAfterSecond: number
      held: RuntimeReservation[]
    }
    try {
      expect(result.limit).toEqual({ soft: 256, hard: 256 })
      expect(result.first.ok).toBe(true)
      expect(result.second).toMatchObject({
        ok: false,
        error: { kind: 'resource-exhausted', message: expect.stringContaining('ulimit -n') },
      })
      expect(result.fdsAfterSecond).toBe(result.fdsAfterFirst) // nothing half-held
      if (!result.first.ok) return
      const first = result.first.value
      expect(result.held).toEqual([first])
      expect(outcomes(await probeBinds('tcp', '::', portsOf(first)))).toEqual(['EADDRINUSE'])
      expect(outcomes(await probeBinds('tcp', '0.0.0.0', portsOf(first)))).toEqual(['EADDRINUSE'])
      child.stdin.end()
      expect(await exited).toBe(0)
      expect(outcomes(await probeBinds('tcp', '::', portsOf(first)))).toEqual(['ok'])
    } finally {
      child.kill()
    }
  })
})

describe('a poll that throws', () => {
  function flakyBackend() {
    const real = createLinuxBackend()
    const state = { fail: undefined as unknown }
    const backend: PortBackend = {
      ...real,
      listSockets: () => {
        if (state.fail !== undefined) throw state.fail
        return real.listSockets()
      },
    }
    return { backend, state }
  }

  it('on the timer: the stale marker is pushed, the last good data kept, and recovery pushed', async () => {
    const { backend, state } = flakyBackend()
    const svc = new InventoryService(backend, 40)
    const deltas: InventoryDelta[] = []
    svc.onChange((d) => deltas.push(d))
    const until = async (test: (d: InventoryDelta) => boolean) => {
      for (let i = 0; i < 200 && !deltas.some(test); i++)
        await new Promise((r) => setTimeout(r, 10))
      return deltas.find(test)
    }
    svc.start()
    try {
      await until(() => true)
      const good = svc.snapshot()
      // Not even an Error: a native layer may throw anything.
      state.fail = 'netlink: ENOBUFS'
      const stale = await until((d) => d.status.stale !== undefined)
      expect(stale?.status.stale?.message).toBe('netlink: ENOBUFS')
      expect(svc.snapshot().sockets).toEqual(good.sockets)
      expect(svc.snapshot().status.stale?.since).toBeDefined()
      const staleAt = deltas.indexOf(stale!)
      state.fail = undefined
      const recovered = await until((d) => deltas.indexOf(d) > staleAt && !d.status.stale)
      expect(recovered).toBeDefined()
      expect(svc.snapshot().status.stale).toBeUndefined()
    } finally {
      svc.stop()
    }
  })

  // A listener that throws (a push whose payload fails the contract, a watch refresh that fails)
  // must not escape poll(): on the timer that would be an uncaught exception every second.
  it('a listener that throws does not escape poll(), and the others still hear', () => {
    const { backend } = flakyBackend()
    const svc = new InventoryService(backend, 1000)
    const seen: InventoryDelta[] = []
    svc.onChange(() => {
      throw new Error('push failed')
    })
    svc.onChange((d) => seen.push(d))
    expect(() => svc.poll()).not.toThrow()
    expect(seen).toHaveLength(1) // the other listeners still hear about it
  })
})

describe('the holder is killed with -9', () => {
  it('the kernel frees its block and `portwarden list` no longer shows it', async () => {
    const stateDir = join(scratch, 'kill9-state')
    const env = { ...process.env, PORTWARDEN_STATE_DIR: stateDir }
    const list = async () => {
      const { stdout } = await promisify(execFile)(process.execPath, [BIN, 'list', '--json'], {
        env,
      })
      return JSON.parse(stdout) as HolderRecord[]
    }
    const { child, held } = await startReserveHolder(['--count', '50'], env)
    const ports = portsOf(held)
    expect(held.count).toBe(50)
    expect(outcomes(await probeBinds('tcp', '::', ports))).toEqual(['EADDRINUSE'])
    expect((await list()).map((h) => h.pid)).toEqual([child.pid])

    const exited = new Promise<NodeJS.Signals | null>((r) => child.once('exit', (_c, s) => r(s)))
    child.kill('SIGKILL')
    expect(await exited).toBe('SIGKILL')
    // The holder file is left behind: only the kernel cleaned up.
    expect(existsSync(join(stateDir, `${child.pid}.json`))).toBe(true)

    expect(outcomes(await probeBinds('tcp', '::', ports))).toEqual(['ok'])
    expect(outcomes(await probeBinds('tcp', '0.0.0.0', ports))).toEqual(['ok'])
    expect(await list()).toEqual([])
    expect(readdirSync(stateDir)).toEqual([]) // the stale file was dropped on the way
  })
})
