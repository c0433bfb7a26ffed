import { createBackend } from '../../src/main/platform'
import { expect, servicesFixture, snapshot, test } from '../support/fixtures'
import { hostSafe, modelledAssociatePool } from '../support/test-backends'

test.describe('associate probe (modelled pool, as on Windows)', () => {
  test.use({
    services: servicesFixture(() => ({
      backend: modelledAssociatePool(hostSafe(createBackend())),
    })),
  })

  test('a runtime row’s details offer the probe and show the port the pool handed out', async ({
    app,
    services,
  }, testInfo) => {
    const held = services.runtime.reserve({ protocol: 'tcp', startPort: 0, count: 4 })
    const row = app.locator(`tr[data-token="${held.token}"]`)
    await row.click()
    await row.press('Enter')
    const details = app.getByRole('region', { name: 'Reservation details' })
    await details.getByRole('button', { name: 'Associate probe' }).click()
    await expect(details).toContainText(`was given port ${held.startPort}.`)
    await details.getByRole('button', { name: 'Associate probe' }).click()
    await expect(details).toContainText(`was given port ${held.startPort + 1}.`)
    await snapshot(app, testInfo, 'associate-probe')
  })
})

test('on Linux the details offer no associate probe (the block is Portwarden’s own sockets)', async ({
  app,
  services,
}) => {
  const held = services.runtime.reserve({ protocol: 'udp', startPort: 0, count: 1 })
  const row = app.locator(`tr[data-token="${held.token}"]`)
  await row.click()
  await row.press('Enter')
  const details = app.getByRole('region', { name: 'Reservation details' })
  await expect(details).toContainText(held.token)
  await expect(details.getByRole('button', { name: 'Associate probe' })).toHaveCount(0)
})
