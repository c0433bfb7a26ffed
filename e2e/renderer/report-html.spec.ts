import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { buildReport, renderReport } from '../../src/main/services/report'
import { expect, snapshot, test } from '../support/fixtures'

test('the HTML report renders in Chromium with the same facts, sorts, and prints to PDF', async ({
  browser,
  services,
}, testInfo) => {
  const held = services.runtime.reserve({ protocol: 'tcp', startPort: 0, count: 7 })
  const report = buildReport(services, {
    watched: [{ protocol: 'tcp', ports: String(held.startPort) }],
  })
  const file = join(mkdtempSync(join(tmpdir(), 'portwarden-html-')), 'report.html')
  writeFileSync(file, renderReport(report, 'html'))

  const page = await browser.newPage()
  const errors: string[] = []
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(pathToFileURL(file).href)

  const section = (name: string) =>
    page.locator('section', { has: page.getByRole('heading', { name }) })
  await expect(section('Runtime reservations').locator('tbody tr')).toHaveCount(1)
  await expect(section('Runtime reservations')).toContainText(held.token)
  await expect(section('Ports in use').locator('tbody tr')).toHaveCount(
    report.sockets.entries.length,
  )
  await expect(section('Conflicts')).toContainText(
    `Watched TCP port ${held.startPort} cannot be bound`,
  )
  await expect(page.locator('svg.port-map rect')).not.toHaveCount(0)

  // Sorting by Port (descending on the second click) puts the highest port first.
  const portHeader = section('Ports in use').getByRole('columnheader', { name: 'Port' })
  await portHeader.click()
  await portHeader.click()
  await expect(portHeader).toHaveAttribute('aria-sort', 'descending')
  const ports = report.sockets.entries.map((s) => s.localPort)
  await expect(section('Ports in use').locator('tbody tr').first().locator('td').nth(3)).toHaveText(
    String(Math.max(...ports)),
  )
  await snapshot(page, testInfo, 'html-report')
  expect(errors, 'no CSP violations or script errors').toEqual([])

  const pdf = await page.pdf({ format: 'A4' })
  const text = pdf.toString('latin1')
  const pages = text.match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0
  const declared = Number(
    /\/Type\s*\/Pages[^>]*\/Count\s+(\d+)/.exec(text)?.[1] ?? /\/Count\s+(\d+)/.exec(text)?.[1],
  )
  expect(text.startsWith('%PDF-')).toBe(true)
  expect(pages).toBeGreaterThanOrEqual(1)
  expect(pages).toBe(declared)
  await page.close()
})
