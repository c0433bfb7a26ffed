import AxeBuilder from '@axe-core/playwright'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page, TestInfo } from '@playwright/test'
import { createBackend } from '../../src/main/platform'
import { test as base, expect, servicesFixture } from '../support/fixtures'
import { inMemoryReserved } from '../support/test-backends'
import { startPythonListener } from '../../test/support/python-listener'

/**
 * axe-core on every tab and every dialog, in the light and the dark theme, at 1280×800 and
 * 900×600: prints `axe: N serious or critical` (N counts offending elements) and fails above 0.
 * Every rule axe runs by default, plus label-content-name-mismatch (experimental in axe, and one
 * the review found). Screenshots of each state are saved under test-results/e2e as artifacts.
 * The reserved list is in memory, holding one range, so its delete dialog can be opened; the
 * host's setting is never written.
 */
const test = base.extend({
  services: servicesFixture(() => ({
    backend: inMemoryReserved(createBackend(), { initial: [{ startPort: 41000, count: 10 }] }),
  })),
})

const TABS = [
  'Overview',
  'Runtime tokens',
  'Ports in use',
  'Reserved ranges',
  'Dynamic range',
  'Watched ports',
  'Port check',
]
const SIZES = [
  { width: 1280, height: 800 },
  { width: 900, height: 600 },
] as const

interface Finding {
  state: string
  rule: string
  impact: string
  targets: string[]
  summary: string
}

async function audit(page: Page, state: string, testInfo: TestInfo): Promise<Finding[]> {
  // Let row flashes and transitions settle: axe measures colours as they are drawn.
  await page.waitForTimeout(250)
  const result = await new AxeBuilder({ page })
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
    .analyze()
  const findings = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map((n) => ({
        state,
        rule: v.id,
        impact: v.impact!,
        targets: n.target.map(String),
        summary: n.failureSummary ?? '',
      })),
    )
  const path = testInfo.outputPath(`${state.replace(/[^a-z0-9]+/gi, '-')}.png`)
  await page.screenshot({ path })
  await testInfo.attach(state, { path, contentType: 'image/png' })
  return findings
}

for (const scheme of ['light', 'dark'] as const) {
  test(`axe on every tab and dialog, ${scheme} theme, 1280×800 and 900×600`, async ({
    app,
    services,
    shell,
  }, testInfo) => {
    test.setTimeout(180_000)
    await app.emulateMedia({ colorScheme: scheme })
    // Content for every table: a block of ours, a watched port, a listener to act on.
    services.runtime.reserve({ protocol: 'tcp', startPort: 0, count: 5 })
    await services.watch.add({ protocol: 'tcp', port: 5432, label: 'postgres' })
    const listener = await startPythonListener()
    const port = listener.port
    const findings: Finding[] = []
    try {
      for (const size of SIZES) {
        await app.setViewportSize(size)
        const at = `${scheme} ${size.width}x${size.height}`
        for (const tab of TABS) {
          await app.getByRole('tab', { name: tab, exact: true }).click()
          if (tab === 'Overview') {
            await app.getByRole('searchbox', { name: 'Port or process' }).fill(`${port},1-3`)
            await expect(app.getByRole('table', { name: /^Verdicts for/ })).toBeVisible()
          }
          if (tab === 'Port check') {
            await app.getByLabel('Ports to check').fill(`${port},1-3`)
            await app.getByRole('button', { name: 'Check', exact: true }).click()
            await expect(app.getByText('checked:')).toBeVisible()
          }
          findings.push(...(await audit(app, `${at} ${tab}`, testInfo)))
        }
      }
      await app.setViewportSize(SIZES[0])
      const at = `${scheme} dialogs`

      // Ports in use: the context menu, the side panel, the end-process dialog.
      await app.getByRole('tab', { name: 'Ports in use', exact: true }).click()
      await app.getByLabel('Filter sockets').fill(String(port))
      const row = app.getByRole('table', { name: 'Ports in use' }).locator('tbody tr[data-key]')
      await row.first().click({ button: 'right' })
      await expect(app.getByRole('menu')).toBeVisible()
      findings.push(...(await audit(app, `${at} context menu`, testInfo)))
      await app.keyboard.press('Escape')
      await row.first().dblclick()
      await expect(app.getByRole('complementary')).toContainText('cannot be bound now')
      findings.push(...(await audit(app, `${at} why panel`, testInfo)))
      await app.getByRole('complementary').getByRole('button', { name: 'Close' }).click()
      await row.first().click({ button: 'right' })
      await app.getByRole('menuitem', { name: 'End process…' }).click()
      await expect(app.getByTestId('end-command-line')).toContainText('python3')
      findings.push(...(await audit(app, `${at} end process dialog`, testInfo)))
      await app.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click()
      await row.first().click()
      await app.getByRole('button', { name: 'Copy', exact: true }).click()
      await expect(app.getByRole('region', { name: 'Messages' })).toContainText('Copied')
      findings.push(...(await audit(app, `${at} message area`, testInfo)))

      // Reserved ranges: the delete confirmation.
      await app.getByRole('tab', { name: 'Reserved ranges', exact: true }).click()
      await app
        .getByRole('button', { name: /^Delete/ })
        .first()
        .click()
      await expect(app.getByRole('dialog')).toBeVisible()
      findings.push(...(await audit(app, `${at} delete range dialog`, testInfo)))
      await app.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click()

      // Runtime tokens: a reservation's details.
      await app.getByRole('tab', { name: 'Runtime tokens', exact: true }).click()
      await app
        .getByRole('table', { name: 'Runtime reservations' })
        .locator('tbody tr')
        .first()
        .dblclick()
      await expect(app.getByRole('region', { name: 'Reservation details' })).toBeVisible()
      findings.push(...(await audit(app, `${at} reservation details`, testInfo)))

      // Export, then Compare with that report: the compare dialog.
      shell.nextSavePath = join(mkdtempSync(join(tmpdir(), 'portwarden-axe-')), 'before.json')
      await app.keyboard.press('Control+e')
      await expect(app.getByText(/Saved JSON report/)).toBeVisible()
      services.runtime.reserve({ protocol: 'udp', startPort: 0, count: 2 })
      shell.nextOpenPath = shell.nextSavePath
      await app.getByRole('button', { name: 'Compare…' }).click()
      await expect(app.getByRole('dialog', { name: /Changes since/ })).toBeVisible()
      findings.push(...(await audit(app, `${at} compare dialog`, testInfo)))
      await app.getByRole('dialog').getByRole('button', { name: 'Close' }).click()
    } finally {
      await listener.stop()
    }

    for (const f of findings)
      console.log(
        `  ${f.state}: ${f.rule} (${f.impact}) ${f.targets.join(' ')}\n    ${f.summary.split('\n').join('\n    ')}`,
      )
    console.log(`axe: ${findings.length} serious or critical (${scheme} theme)`)
    expect(findings.map((f) => `${f.state}: ${f.rule} ${f.targets.join(' ')}`)).toEqual([])
  })
}
