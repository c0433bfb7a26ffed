import net from 'node:net'
import { expect, snapshot, test } from '../support/fixtures'
import { spawnListener } from '../support/listener-child'

/** A TCP port nothing listens on right now (the kernel's pick, closed again). */
async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as net.AddressInfo
  await new Promise((r) => server.close(r))
  return port
}

test('a watched port turns "not bindable" when another process listens, with a notification', async ({
  app,
  shell,
}, testInfo) => {
  const port = await freePort()
  await app.getByRole('tab', { name: 'Watched ports' }).click()
  await expect(app.getByText('No watched ports.')).toBeVisible()
  await app.getByLabel('Port to watch').fill(String(port))
  await app.getByLabel('Label').fill('e2e-db')
  await app.getByRole('button', { name: 'Watch', exact: true }).click()

  const row = app.locator(`tr[data-watch="tcp:${port}"]`)
  await expect(row).toContainText('e2e-db')
  await expect(row).toContainText('Bindable')

  const listener = await spawnListener(port)
  try {
    await expect(row).toContainText('Not bindable')
    await expect(row).toContainText(`In use by node (pid ${listener.pid}`)
    await expect
      .poll(() => shell.notifications)
      .toContainEqual({
        title: `e2e-db — TCP ${port} is no longer bindable`,
        body: expect.stringContaining(`node (pid ${listener.pid}`),
      })
    await snapshot(app, testInfo, 'watched-not-bindable')
  } finally {
    await listener.kill()
  }
  await expect(row).toContainText('Bindable')
  await expect
    .poll(() => shell.notifications.map((n) => n.title))
    .toContain(`e2e-db — TCP ${port} is bindable again`)

  await app.getByRole('button', { name: `Stop watching e2e-db TCP ${port}` }).click()
  await expect(row).toHaveCount(0)
  await expect(app.getByText('No watched ports.')).toBeVisible()
})

test('watching an invalid port is refused inline, before any call', async ({ app }) => {
  await app.getByRole('tab', { name: 'Watched ports' }).click()
  await app.getByLabel('Port to watch').fill('70000')
  await app.getByRole('button', { name: 'Watch', exact: true }).click()
  await expect(app.locator('#watch-port-error')).toContainText('65535')
  await expect(app.getByLabel('Port to watch')).toHaveAttribute('aria-invalid', 'true')
})
