// Load through the handler registry (what ipcMain calls): 1,000 reserve/release calls at once.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createHandlers } from '../src/main/ipc/handlers'
import { createAppServices } from '../src/main/services/app-services'
import {
  describeLoad,
  doubleHeld,
  loadProblems,
  reserveReleaseLoad,
} from '../e2e/support/load-workload'
import { idleBoundSocketCount, openFdCount } from './support/fd-count'

describe('load through the handler registry (real sockets)', () => {
  const holderDir = mkdtempSync(join(tmpdir(), 'portwarden-load-'))
  const services = createAppServices({ holderDir })
  const handlers = createHandlers(services)
  afterAll(() => {
    services.runtime.releaseAll()
    rmSync(holderDir, { recursive: true, force: true })
  })

  it('1,000 concurrent reserve/release calls: unique tokens, no port held twice, no leaked socket', async () => {
    // Warm up libc and the first sysctl reads, so the descriptor count compares like with like.
    const warm = await handlers['runtime:reserve']({ protocol: 'tcp', startPort: 0, count: 1 })
    if (warm.ok)
      await handlers['runtime:release']({ token: (warm.value as { token: string }).token })
    // Checked at every change, inside main: the exact "at any time".
    const clashes: string[] = []
    let changes = 0
    const off = services.runtime.onChange((snapshot) => {
      changes++
      clashes.push(...doubleHeld(snapshot))
    })
    const fdsBefore = openFdCount()
    const idleBefore = idleBoundSocketCount()
    const seed = Date.now() % 1_000_000
    const report = await reserveReleaseLoad({
      options: { pairs: 500, seed, aimedShare: 0.1 },
      api: {
        reserve: (input) => handlers['runtime:reserve'](input),
        release: (input) => handlers['runtime:release'](input),
      },
    })
    off()
    const fdsAfter = openFdCount()
    const idleAfter = idleBoundSocketCount()
    console.log(
      `${describeLoad('handler registry', report, fdsBefore, fdsAfter)}\n` +
        `  bound idle sockets (what blocks are made of): ${idleBefore} before, ${idleAfter} after\n` +
        `  (seed ${seed}; ${changes} changes, each full snapshot checked for a port held twice)`,
    )

    expect(loadProblems(report, clashes, services.runtime.list().length, 1000)).toEqual([])
    expect(fdsAfter).toBe(fdsBefore)
    expect(idleAfter).toBe(idleBefore)
  })
})
