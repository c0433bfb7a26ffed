import net from 'node:net'
import { outcomes, probeBinds } from '../../test/support/bind-probe'
import { portsOf } from '../../src/shared/ranges'
import { expect, snapshot, test } from '../support/fixtures'

test('reserve a block, see its ports busy from another process, release it', async ({
  app,
  services,
}, testInfo) => {
  await app.getByLabel('Count').fill('5')
  await app.getByRole('button', { name: 'Reserve', exact: true }).click()

  const rows = app.getByRole('table', { name: 'Runtime reservations' }).locator('tbody tr')
  await expect(rows).toHaveCount(1)
  const [held] = services.runtime.list()
  expect(held).toBeDefined()
  await expect(rows.first()).toHaveAttribute('data-token', held!.token) // the token is in the details
  await expect(rows.first()).toContainText(`${held!.startPort}–${held!.startPort + 4}`)

  const ports = portsOf(held!)
  expect(outcomes(await probeBinds('tcp', '0.0.0.0', ports))).toEqual(['EADDRINUSE'])
  expect(outcomes(await probeBinds('tcp', '::', ports))).toEqual(['EADDRINUSE'])
  await snapshot(app, testInfo, 'reserved')

  await rows
    .first()
    .getByRole('button', { name: /^Release/ })
    .click()
  await expect(rows).toHaveCount(0)
  await expect(app.getByText('No runtime reservations.')).toBeVisible()
  expect(services.runtime.list()).toEqual([])
  expect(outcomes(await probeBinds('tcp', '0.0.0.0', ports))).toEqual(['ok'])
})

test('a busy port is refused with the backend error next to the form; nothing is held', async ({
  app,
  services,
}, testInfo) => {
  const squatter = net.createServer()
  await new Promise<void>((r) => squatter.listen({ port: 0, host: '127.0.0.1' }, r))
  const busy = (squatter.address() as net.AddressInfo).port
  try {
    await app.getByLabel('Any free block').uncheck()
    await app.getByLabel('Start port').fill(String(busy))
    await app.getByLabel('Count').fill('1')
    await app.getByRole('button', { name: 'Reserve', exact: true }).click()
    await expect(app.locator('#reserve-error')).toContainText(`port ${busy} is already in use`)
    expect(services.runtime.list()).toEqual([])
    await snapshot(app, testInfo, 'refused')
  } finally {
    await new Promise((r) => squatter.close(r))
  }
})

test('inline validation blocks a block running past 65535 before any call', async ({
  app,
  services,
}) => {
  await app.getByLabel('Any free block').uncheck()
  await app.getByLabel('Start port').fill('65530')
  await app.getByLabel('Count').fill('10')
  await expect(app.locator('#count-error')).toContainText('runs past port 65535')
  await expect(app.getByRole('button', { name: 'Reserve', exact: true })).toBeDisabled()
  expect(services.runtime.list()).toEqual([])
})

test('a block reserved elsewhere in main is pushed to the table at once', async ({
  app,
  services,
}) => {
  await expect(app.getByText('No runtime reservations.')).toBeVisible()
  const r = services.runtime.reserve({ protocol: 'udp', startPort: 0, count: 2 })
  await expect(app.locator(`tr[data-token="${r.token}"]`)).toContainText('UDP')
  services.runtime.release(r.token)
  await expect(app.locator(`tr[data-token="${r.token}"]`)).toHaveCount(0)
})
