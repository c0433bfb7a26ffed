import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Report } from '../../src/shared/report'
import { startPythonListener } from '../../test/support/python-listener'
import { expect, snapshot, test } from '../support/fixtures'

const dir = () => mkdtempSync(join(tmpdir(), 'portwarden-export-'))

test('Ctrl+E exports the report the extension asks for; JSON, HTML and PDF land whole', async ({
  app,
  services,
  shell,
}) => {
  const held = services.runtime.reserve({ protocol: 'tcp', startPort: 0, count: 3 })
  const out = dir()
  for (const name of ['r.json', 'r.html', 'r.pdf', 'r.csv']) {
    shell.nextSavePath = join(out, name)
    await app.keyboard.press('Control+e')
    await expect(app.getByRole('region', { name: 'Messages' })).toContainText(
      `report to ${join(out, name)}`,
    )
  }
  const report = Report.parse(JSON.parse(readFileSync(join(out, 'r.json'), 'utf8')))
  expect(report.runtime[0]!.reservations).toEqual([held])
  expect(readFileSync(join(out, 'r.html'), 'utf8')).toContain(held.token)
  expect(readFileSync(join(out, 'r.pdf')).subarray(0, 5).toString()).toBe('%PDF-')
  expect(readFileSync(join(out, 'r.csv'), 'utf8')).toContain(`runtime,tcp,${held.startPort}`)
  expect(readdirSync(out).sort()).toEqual(['r.csv', 'r.html', 'r.json', 'r.pdf'])
})

test('a failed export says why and leaves no partial file; Cancel does nothing', async ({
  app,
  shell,
}, testInfo) => {
  shell.nextSavePath = join(dir(), 'gone', 'r.json') // the folder does not exist
  await app.getByRole('button', { name: 'Export report…' }).click()
  await expect(app.locator('#message-error')).toContainText('the folder does not exist')
  expect(existsSync(shell.nextSavePath)).toBe(false)
  await snapshot(app, testInfo, 'export-failed')

  shell.nextSavePath = join(dir(), 'r.txt')
  await app.getByRole('button', { name: 'Export report…' }).click()
  await expect(app.locator('#message-error')).toContainText('.json, .csv, .html or .pdf')

  shell.nextSavePath = undefined
  await app.getByRole('button', { name: 'Export report…' }).click()
  await expect(app.locator('#message-error')).toHaveCount(0)
})

test('Compare shows what changed since an earlier report', async ({
  app,
  services,
  shell,
}, testInfo) => {
  const out = dir()
  shell.nextSavePath = join(out, 'before.json')
  await app.keyboard.press('Control+e')
  await expect(app.getByRole('region', { name: 'Messages' })).toContainText('before.json')
  const held = services.runtime.reserve({ protocol: 'udp', startPort: 0, count: 2 })
  const listener = await startPythonListener()
  await expect
    .poll(() => services.inventory.snapshot().sockets.some((x) => x.localPort === listener.port))
    .toBe(true)

  shell.nextOpenPath = join(out, 'before.json')
  await app.getByRole('button', { name: 'Compare…' }).click()
  const view = app.getByRole('dialog', { name: /Changes since/ })
  await expect(view.getByRole('region', { name: 'runtime' })).toContainText(
    `+ udp ${held.startPort}-`,
  )
  // Opened at its top, not scrolled to Close; new sockets listed under their process.
  await expect(view.getByRole('heading', { name: /Changes since/ })).toBeFocused()
  const sockets = view.getByRole('region', { name: 'sockets' })
  await expect(sockets.getByRole('term').filter({ hasText: 'python3' })).toBeVisible()
  await expect(sockets).toContainText(`+ tcp LISTEN 0.0.0.0:${listener.port}`)
  await snapshot(app, testInfo, 'compare')
  await view.getByRole('button', { name: 'Close' }).click()
  await expect(view).toHaveCount(0)
  await listener.stop()

  writeFileSync(join(out, 'junk.json'), '{"not":"a report"}')
  shell.nextOpenPath = join(out, 'junk.json')
  await app.getByRole('button', { name: 'Compare…' }).click()
  await expect(app.locator('#message-error')).toContainText('is not a Portwarden report')
})
