import type { Page } from '@playwright/test'
import { expect, snapshot, test } from '../support/fixtures'
import { spawnListener } from '../support/listener-child'

// Never calls reserved.add/remove: the host's ip_local_reserved_ports stays as it is.

const openTab = (app: Page, name: string) => app.getByRole('tab', { name, exact: true }).click()
const socketsTable = (app: Page) => app.getByRole('table', { name: 'Ports in use' })
/** Socket rows actually in the DOM (spacer rows stand in for the rest). */
const socketRows = (app: Page) => socketsTable(app).locator('tbody tr:not(.spacer)')

test('another process’s listener appears live, filters to its row, and goes when it exits', async ({
  app,
}, testInfo) => {
  const listener = await spawnListener()
  try {
    await openTab(app, 'Ports in use')
    await app.getByLabel('Filter sockets').fill(String(listener.port))
    const rows = socketRows(app)
    await expect(rows.first()).toContainText(`node (${listener.pid})`)
    await expect(rows.first()).toContainText('LISTEN')
    await expect(rows.first()).toContainText('127.0.0.1')
    // The exact-number filter keeps only sockets on that port (or that pid): the child's.
    for (const row of await rows.all()) await expect(row).toContainText(`(${listener.pid})`)
    await snapshot(app, testInfo, 'ports-in-use-filtered')

    await listener.kill()
    await expect(rows).toHaveCount(0)
    await expect(app.getByText('No socket matches the filter.')).toBeVisible()
  } finally {
    await listener.kill()
  }
})

test('port check: a busy port names its owner with a kill fix; a bad spec errors inline', async ({
  app,
}, testInfo) => {
  const listener = await spawnListener()
  try {
    await openTab(app, 'Port check')
    const ports = app.getByLabel('Ports to check')
    await ports.fill(String(listener.port))
    await app.getByRole('button', { name: 'Check', exact: true }).click()
    const verdict = app.getByRole('listitem', { name: `TCP ${listener.port}: not bindable` })
    await expect(verdict).toContainText('Not bindable')
    await expect(verdict).toContainText(new RegExp(`In use by node \\(pid ${listener.pid}[,)]`))
    await expect(verdict.locator('code').first()).toContainText(`kill ${listener.pid}`)
    await expect(
      verdict.getByRole('button', { name: `Copy fix for TCP ${listener.port}` }).first(),
    ).toBeVisible()
    await snapshot(app, testInfo, 'port-check')

    await ports.fill('70000')
    await app.getByRole('button', { name: 'Check', exact: true }).click()
    await expect(app.locator('#check-error')).toContainText('70000')
    await expect(ports).toHaveAttribute('aria-invalid', 'true')
    await snapshot(app, testInfo, 'port-check-invalid')
  } finally {
    await listener.kill()
  }
})

test('5,000 bound sockets: the table counts them all but renders only what is in view', async ({
  app,
  services,
}, testInfo) => {
  // Held as bound, non-listening sockets of this (the test) process.
  const block = services.backend.acquireBlock({ protocol: 'tcp', startPort: 0, count: 5000 })
  try {
    const last = block.startPort + block.count - 1
    await openTab(app, 'Ports in use')
    const table = socketsTable(app)
    await expect
      .poll(async () => Number(await table.getAttribute('aria-rowcount')) - 1)
      .toBeGreaterThanOrEqual(5000)
    expect(await table.locator('tr').count()).toBeLessThan(200)
    await snapshot(app, testInfo, 'ports-in-use-5000')

    // Only this process's bound sockets, by port: the block's last port is the last row.
    await app.getByLabel('Filter sockets').fill(`${process.pid} bound`)
    await expect(app.getByTestId('sockets-row-count')).toContainText(/^5,000 of /)
    await app
      .getByRole('region', { name: 'Ports in use, scrollable' })
      .evaluate((el) => el.scrollTo({ top: el.scrollHeight }))
    const lastRow = socketRows(app).last()
    await expect(lastRow).toContainText(String(last))
    await expect(lastRow).toContainText('bound (not listening)')
    await expect(lastRow).toBeInViewport()
    expect(await table.locator('tr').count()).toBeLessThan(200)
    await snapshot(app, testInfo, 'ports-in-use-bottom')
  } finally {
    block.release()
  }
})

test('the status bar names the kernel source; the range tabs show what the kernel reports', async ({
  app,
  services,
}, testInfo) => {
  const status = app.getByLabel('Inventory status')
  await expect(status).toContainText('kernel (netlink)')
  await snapshot(app, testInfo, 'status-bar')

  const { dynamicRanges, reservedRanges } = services.inventory.snapshot()
  await openTab(app, 'Dynamic range')
  const [dyn] = dynamicRanges
  await expect(app.getByRole('tabpanel')).toContainText(`${dyn!.startPort}–${dyn!.endPort}`)
  await expect(app.getByRole('tabpanel')).toContainText('net.ipv4.ip_local_port_range')
  await snapshot(app, testInfo, 'dynamic-range')

  await openTab(app, 'Reserved ranges')
  const reserved = app.getByRole('table', { name: 'Reserved ranges' }).locator('tbody tr')
  await expect(reserved).toHaveCount(reservedRanges.length)
  if (reservedRanges.length === 0)
    await expect(app.getByText('No ports in net.ipv4.ip_local_reserved_ports')).toBeVisible()
  await snapshot(app, testInfo, 'reserved-ranges')
})

test('tabs follow the ARIA pattern: arrow keys move and select, Overview first', async ({
  app,
}) => {
  const runtime = app.getByRole('tab', { name: 'Runtime tokens' })
  await expect(runtime).toHaveAttribute('aria-selected', 'true') // where the fixture starts
  await runtime.focus()
  await app.keyboard.press('ArrowRight')
  const sockets = app.getByRole('tab', { name: 'Ports in use' })
  await expect(sockets).toBeFocused()
  await expect(sockets).toHaveAttribute('aria-selected', 'true')
  await expect(socketsTable(app)).toBeVisible()
  await app.keyboard.press('ArrowLeft')
  await app.keyboard.press('ArrowLeft')
  await app.keyboard.press('ArrowLeft')
  await expect(app.getByRole('tab', { name: 'Port check' })).toBeFocused()
  await app.keyboard.press('Home')
  const first = app.getByRole('tab', { name: 'Overview' })
  await expect(first).toHaveAttribute('aria-selected', 'true')
  await expect(app.getByRole('searchbox', { name: 'Port or process' })).toBeVisible()
})
