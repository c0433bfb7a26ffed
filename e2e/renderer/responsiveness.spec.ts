import { createBackend } from '../../src/main/platform'
import { test as base, expect, servicesFixture, snapshot } from '../support/fixtures'
import { quantile, reserveLatencies, scriptedScroll, timeClickToRow } from '../support/page-timing'
import { hostSafe, syntheticSockets } from '../support/test-backends'

/**
 * Figures printed for the README, not asserted: timing on a shared VM varies too much for a
 * threshold to mean anything. The tests assert only that the work was all done.
 */

const ROWS = 50

/** The app's own poll interval (1 s), not the e2e default of 200 ms: polls share main's thread. */
const appPace = base.extend({ services: servicesFixture(() => ({ pollIntervalMs: 1000 })) })

appPace(
  'click→row latency over 50 reservations (printed, target < 50 ms)',
  async ({ app, services }) => {
    await app.getByLabel('Count').fill('1')
    await timeClickToRow(app)
    const rows = app.locator('tr[data-token]')
    const reserve = app.getByRole('button', { name: 'Reserve', exact: true })
    for (let i = 1; i <= ROWS; i++) {
      await reserve.click()
      await expect(rows).toHaveCount(i)
    }
    const { clickToRow, pushToRow } = await reserveLatencies(app)
    expect(clickToRow).toHaveLength(ROWS)
    expect(services.runtime.list()).toHaveLength(ROWS)
    const ms = (samples: number[], q: number) => quantile(samples, q).toFixed(1)
    console.log(
      `click→row latency p95 = ${ms(clickToRow, 0.95)} ms over ${ROWS} reservations ` +
        `(p50 ${ms(clickToRow, 0.5)} ms, max ${ms(clickToRow, 1)} ms; target < 50 ms); ` +
        `of which push→row (renderer) p95 = ${ms(pushToRow, 0.95)} ms`,
    )
  },
)

const SOCKETS = 65_536
const synthetic = base.extend({
  services: servicesFixture(() => ({
    backend: syntheticSockets(hostSafe(createBackend()), SOCKETS),
    // Diffing 65,536 entries takes a while in this process; once a second is plenty.
    pollIntervalMs: 1000,
  })),
})

synthetic(
  '65,536 synthetic sockets (test-only backend) scroll to the bottom; fps printed, target ≥ 50',
  async ({ app }, testInfo) => {
    await app.getByRole('tab', { name: 'Ports in use', exact: true }).click()
    await expect(app.getByTestId('sockets-row-count')).toHaveText('65,536 sockets')
    const region = '[role="region"][aria-label="Ports in use, scrollable"]'
    const run = await scriptedScroll(app, region, 2000)
    const fps = (run.frames / run.elapsed) * 1000
    console.log(
      `scroll: ${fps.toFixed(1)} fps over ${(run.elapsed / 1000).toFixed(1)} s, ` +
        `worst frame ${run.worstFrame.toFixed(1)} ms, ${SOCKETS.toLocaleString('en')} rows (target ≥ 50)`,
    )
    expect(run.atBottom).toBe(true)
    const last = app.getByRole('table', { name: 'Ports in use' }).locator('tbody tr:not(.spacer)')
    await expect(last.last()).toContainText('65535')
    await expect(last.last()).toBeInViewport()
    expect(await app.locator('tbody tr').count()).toBeLessThan(200)
    await snapshot(app, testInfo, 'sockets-65536-bottom')
  },
)
