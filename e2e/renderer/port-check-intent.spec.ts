import { holdSockets } from '../../test/support/real-sockets'
import { expect, snapshot, test } from '../support/fixtures'

// The Port check's bind intent (issue 11): the same port judged for two binds, each answer the
// kernel's. A holder on 127.0.0.2 (another program, python3) refuses the wildcard pair, while a
// bind on 127.0.0.1 — set under Advanced — works.
test('port check: the bind under Advanced decides; 127.0.0.1 is free while the holder is on 127.0.0.2', async ({
  app,
}, testInfo) => {
  const held = await holdSockets({
    sockets: [{ protocol: 'tcp', address: '127.0.0.2', listen: true }],
  })
  try {
    await app.getByRole('tab', { name: 'Port check', exact: true }).click()
    await app.getByLabel('Ports to check').fill(String(held.port))
    await app.getByRole('button', { name: 'Check', exact: true }).click()
    const card = (state: string) =>
      app.getByRole('listitem', { name: `TCP ${held.port}: ${state}` })
    await expect(card('not bindable')).toContainText(`python3 (pid ${held.pid}`)
    await expect(card('not bindable')).toContainText(
      '127.0.0.1 is free: the holder listens on 127.0.0.2 only',
    )

    await app.getByText('Advanced: the bind to try').click()
    await app.getByLabel('Address').fill('127.0.0.1')
    await app.getByRole('button', { name: 'Check', exact: true }).click()
    await expect(card('bindable')).toContainText(`127.0.0.1 is free: python3 (pid ${held.pid}`)
    await expect(app.getByText('(TCP on 127.0.0.1):')).toBeVisible()
    await snapshot(app, testInfo, 'port-check-intent')

    await app.getByLabel('Address').fill('localhost')
    await app.getByRole('button', { name: 'Check', exact: true }).click()
    await expect(app.locator('#check-address-error')).toContainText('IPv4 or IPv6 literal')
  } finally {
    await held.stop()
  }
})
