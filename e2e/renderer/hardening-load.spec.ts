import { monitorEventLoopDelay } from 'node:perf_hooks'
import { idleBoundSocketCount, openFdCount } from '../../test/support/fd-count'
import { expect, test } from '../support/fixtures'
import {
  describeLoad,
  doubleHeld,
  loadProblems,
  reserveReleaseLoad,
} from '../support/load-workload'

test('1,000 concurrent reserve/release calls from the page: unique tokens, no port held twice, no leaked socket', async ({
  app,
  services,
}) => {
  // The bridge pushes every change's full list through page.evaluate, which Playwright
  // serializes slowly: with a hundred blocks alive that, not main, takes most of the time.
  test.setTimeout(240_000)
  await expect(app.getByText('No runtime reservations.')).toBeVisible()
  // Checked inside main at every change: no snapshot may hold a port twice.
  const clashes: string[] = []
  let changes = 0
  const off = services.runtime.onChange((snapshot) => {
    changes++
    clashes.push(...doubleHeld(snapshot))
  })
  // This test process hosts the services, so their sockets are its descriptors.
  const fdsBefore = openFdCount()
  const idleBefore = idleBoundSocketCount()
  const seed = Date.now() % 1_000_000
  const report = await app.evaluate(reserveReleaseLoad, {
    options: { pairs: 500, seed, aimedShare: 0.1 },
  })
  off()
  const fdsAfter = openFdCount()
  const idleAfter = idleBoundSocketCount()
  console.log(
    `${describeLoad('window.api through the e2e bridge', report, fdsBefore, fdsAfter)}\n` +
      `  bound idle sockets (what blocks are made of): ${idleBefore} before, ${idleAfter} after\n` +
      `  (seed ${seed}; ${changes} changes in main, each full snapshot checked for a port held twice)`,
  )

  expect(loadProblems(report, clashes, services.runtime.list().length, 1000)).toEqual([])
  // The runner's own connections come and go; the sockets blocks are made of must not stay.
  expect(idleAfter).toBe(idleBefore)
  expect(fdsAfter).toBeLessThanOrEqual(fdsBefore + 5)
  // The page settles on the empty list main holds.
  await expect(app.getByText('No runtime reservations.')).toBeVisible()
})

test('10,000 IPC calls in a burst: every one answered, and app:info pings every 10 ms timed meanwhile', async ({
  app,
}) => {
  test.setTimeout(120_000)
  const BURST = 10_000
  // The main side's own responsiveness: how late its event loop runs while serving the burst.
  const loop = monitorEventLoopDelay({ resolution: 10 })
  loop.enable()
  const r = await app.evaluate(async (burst) => {
    type Api = {
      app: { info(): Promise<{ ok: boolean }> }
      runtime: { list(): Promise<{ ok: boolean }> }
    }
    const api = (window as unknown as { api: Api }).api
    const pings: { sentAt: number; rtt: number; ok: boolean }[] = []
    const pending: Promise<void>[] = []
    const ping = () => {
      const sentAt = performance.now()
      pending.push(
        api.app
          .info()
          .then((x) => void pings.push({ sentAt, rtt: performance.now() - sentAt, ok: x.ok })),
      )
    }
    const started = performance.now()
    ping()
    const timer = setInterval(ping, 10)
    const answers = await Promise.all(Array.from({ length: burst }, () => api.runtime.list()))
    const burstMs = performance.now() - started
    clearInterval(timer)
    await Promise.all(pending)
    return {
      burstMs,
      answered: answers.length,
      ok: answers.filter((a) => a.ok).length,
      pings: pings.sort((a, b) => a.sentAt - b.sentAt),
    }
  }, BURST)
  loop.disable()

  const rtts = r.pings.map((p) => p.rtt).sort((a, b) => a - b)
  const at = (q: number) => rtts[Math.min(rtts.length - 1, Math.floor(q * rtts.length))]!
  const gaps = r.pings.slice(1).map((p, i) => p.sentAt - r.pings[i]!.sentAt)
  const ms = (n: number) => `${n.toFixed(1)} ms`
  const met = at(0.95) <= 100 ? 'met' : 'MISSED'
  console.log(
    [
      `IPC burst: ${r.answered} runtime:list calls answered (${r.ok} ok) in ${ms(r.burstMs)} ` +
        `(${Math.round((BURST / r.burstMs) * 1000)} calls/s)`,
      `  app:info ping round trip during the burst (${rtts.length} pings): p50 ${ms(at(0.5))}, ` +
        `p95 ${ms(at(0.95))}, max ${ms(rtts.at(-1)!)} — target ≤ 100 ms: ${met}`,
      `  pings were sent every ${ms(Math.max(...gaps, 0))} at worst (the page's own timer, 10 ms asked)`,
      `  main (this test process) event-loop delay meanwhile: p50 ${ms(loop.percentile(50) / 1e6)}, ` +
        `p95 ${ms(loop.percentile(95) / 1e6)}, max ${ms(loop.max / 1e6)}`,
    ].join('\n'),
  )

  expect(r.answered).toBe(BURST)
  expect(r.ok).toBe(BURST)
  expect(r.pings.length).toBeGreaterThan(0)
  expect(r.pings.every((p) => p.ok)).toBe(true)
})
