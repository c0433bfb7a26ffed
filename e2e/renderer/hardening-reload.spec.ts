import { outcomes, probeBinds } from '../../test/support/bind-probe'
import { portsOf } from '../../src/shared/ranges'
import { installBridge } from '../support/bridge'
import { expect, test } from '../support/fixtures'

const openRuntime = (page: import('@playwright/test').Page) =>
  page.getByRole('tab', { name: 'Runtime tokens', exact: true }).click()
const runtimeRows = (page: import('@playwright/test').Page) =>
  page.getByRole('table', { name: 'Runtime reservations' }).locator('tbody tr')

test('a reload keeps every reservation in main, and the page shows them again from a full snapshot', async ({
  app,
  services,
}) => {
  await app.getByLabel('Count').fill('4')
  await app.getByRole('button', { name: 'Reserve', exact: true }).click()
  await expect(runtimeRows(app)).toHaveCount(1)
  const [held] = services.runtime.list()
  expect(held).toBeDefined()

  await app.reload()
  // Reserved while the page was loading again: it can only learn of it from the snapshot.
  const meanwhile = services.runtime.reserve({ protocol: 'udp', startPort: 0, count: 2 })
  await openRuntime(app) // a reloaded page opens on the Overview

  await expect(runtimeRows(app)).toHaveCount(2)
  await expect(app.locator(`tr[data-token="${held!.token}"]`)).toContainText(
    `${held!.startPort}–${held!.startPort + 3}`,
  )
  await expect(app.locator(`tr[data-token="${meanwhile.token}"]`)).toContainText('UDP')
  expect(services.runtime.list()).toEqual([held, meanwhile])
  expect(outcomes(await probeBinds('tcp', '::', portsOf(held!)))).toEqual(['EADDRINUSE'])
  expect(outcomes(await probeBinds('udp', '::', portsOf(meanwhile)))).toEqual(['EADDRINUSE'])

  // The reloaded page still gets pushes: a release elsewhere in main takes its row away.
  services.runtime.release(meanwhile.token)
  await expect(runtimeRows(app)).toHaveCount(1)
})

test('a renderer that crashes loses nothing: a new page shows every block, the ports stay busy', async ({
  browser,
  rendererUrl,
  services,
}) => {
  const context = await browser.newContext()
  try {
    const page = await context.newPage()
    const detach = await installBridge(page, services)
    await page.goto(rendererUrl)
    await openRuntime(page)
    await page.getByLabel('Count').fill('3')
    await page.getByRole('button', { name: 'Reserve', exact: true }).click()
    await expect(runtimeRows(page)).toHaveCount(1)
    const [held] = services.runtime.list()

    const crashed = page.waitForEvent('crash')
    await page.goto('chrome://crash').catch(() => undefined) // the navigation dies with it
    await crashed
    detach()
    expect(services.runtime.list()).toEqual([held])
    expect(outcomes(await probeBinds('tcp', '::', portsOf(held!)))).toEqual(['EADDRINUSE'])

    const fresh = await context.newPage()
    const detachFresh = await installBridge(fresh, services)
    await fresh.goto(rendererUrl)
    await openRuntime(fresh)
    await expect(fresh.locator(`tr[data-token="${held!.token}"]`)).toContainText(
      `${held!.startPort}–${held!.startPort + 2}`,
    )
    await fresh
      .locator(`tr[data-token="${held!.token}"]`)
      .getByRole('button', { name: /^Release/ })
      .click()
    await expect(runtimeRows(fresh)).toHaveCount(0)
    expect(outcomes(await probeBinds('tcp', '::', portsOf(held!)))).toEqual(['ok'])
    detachFresh()
  } finally {
    await context.close()
  }
})
