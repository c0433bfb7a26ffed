import { startPythonListener, type PythonListener } from '../../test/support/python-listener'
import { realBind } from '../../test/support/real-bind'
import { expect, snapshot, test } from '../support/fixtures'

// The first screen as the app opens it: the Overview.
test.use({ startTab: '' })

const asRoot = process.getuid?.() === 0
let started: PythonListener[] = []
test.afterEach(async () => {
  await Promise.all(started.map((l) => l.stop()))
  started = []
})

test('the first screen answers a busy port: verdict, cause, and End in two clicks; a real bind after', async ({
  app,
}, testInfo) => {
  test.skip(!asRoot, 'ends another user’s process: needs root here')
  const l = await startPythonListener({ uid: 65534 })
  started.push(l)
  await expect(app.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true')
  const box = app.getByRole('searchbox', { name: 'Port or process' })
  await box.fill(`${l.port}`)
  const table = app.getByRole('table', { name: `Verdicts for ${l.port}` })
  const row = table.locator(`tr[data-verdict="tcp ${l.port}"]`)
  await expect(row).toContainText('Not bindable')
  await expect(row).toContainText('python3')
  await snapshot(app, testInfo, 'overview-busy-port')
  await row.getByRole('button', { name: /^End python3…/ }).click() // click 1
  const dialog = app.getByRole('dialog', { name: `End python3 (pid ${l.pid})?` })
  await expect(dialog.getByTestId('end-command-line')).toContainText('/usr/bin/python3')
  await dialog.getByRole('button', { name: 'End process' }).click() // click 2
  await expect(app.getByRole('region', { name: 'Messages' })).toContainText(
    `TCP ${l.port} is free now.`,
  )
  expect(realBind('tcp', l.port)).toBe('ok')
  // The answer follows the machine once asked again (the box is the question).
  await box.fill(`${l.port} `)
  await expect(row).toContainText('Bindable')
})

test('a process name lists its ports; a bad spec says why at once; each answer matches the box', async ({
  app,
}) => {
  const l = await startPythonListener()
  started.push(l)
  const box = app.getByRole('searchbox', { name: 'Port or process' })
  await box.fill('python3')
  const answers = app.getByRole('list', { name: 'Processes' })
  // A new process: the inventory's owner cache names it by its next full pass at the latest.
  await expect(answers).toContainText(`pid ${l.pid}`, { timeout: 15_000 })
  await expect(answers).toContainText(`TCP ${l.port}`)
  await answers
    .getByRole('button', { name: `Why TCP ${l.port}` })
    .first()
    .click()
  await expect(
    app.getByRole('complementary', { name: `Why can't I bind TCP ${l.port}?` }),
  ).toContainText('cannot be bound now')
  await app.keyboard.press('Escape')

  await box.fill('70000')
  await expect(app.getByRole('alert')).toContainText('70000')
  await expect(answers).toHaveCount(0)
  await box.fill('')
  await expect(app.getByRole('alert')).toHaveCount(0)
})

test('watched ports with their state and our blocks with Release; host facts in a popover', async ({
  app,
  services,
}, testInfo) => {
  const r = services.runtime.reserve({ protocol: 'tcp', startPort: 0, count: 4 })
  await services.watch.add({ protocol: 'tcp', port: r.startPort, label: 'our block' })
  const watched = app.getByRole('list', { name: 'Watched ports' })
  await expect(watched).toContainText(`TCP ${r.startPort}`)
  await expect(watched).toContainText('Not bindable')
  const blocks = app.getByRole('table', { name: 'Our blocks' })
  await expect(blocks.locator(`tr[data-block-token="${r.token}"]`)).toBeVisible()
  await snapshot(app, testInfo, 'overview-blocks')

  const facts = app.locator('.host-facts')
  await expect(facts.locator('.facts')).toBeHidden()
  await facts.locator('summary').click()
  await expect(facts.locator('.facts')).toContainText('linux-sockets')
  await facts.locator('summary').click()

  await blocks.getByRole('button', { name: /^Release TCP/ }).click()
  await expect(blocks).toHaveCount(0)
  expect(services.runtime.list()).toEqual([])
  await expect(watched).toContainText('Bindable')
  expect(realBind('tcp', r.startPort)).toBe('ok')
})

test('tokens table: Ports first, a Label kept by main (it survives a reload), the token in the details', async ({
  app,
  services,
}) => {
  const r = services.runtime.reserve({ protocol: 'tcp', startPort: 0, count: 3 })
  await app.getByRole('tab', { name: 'Runtime tokens', exact: true }).click()
  const table = app.getByRole('table', { name: 'Runtime reservations' })
  await expect(table.locator('thead th').first()).toHaveText('Ports')
  const name = `TCP ${r.startPort}–${r.startPort + 2}`
  const label = table.getByRole('textbox', { name: `Label for ${name}` })
  await label.fill('CI agents')
  await label.press('Enter')
  await expect
    .poll(() => services.labels.list())
    .toEqual({
      [`tcp ${r.startPort}-${r.startPort + 2}`]: 'CI agents',
    })
  await app.reload()
  await app.getByRole('tab', { name: 'Runtime tokens', exact: true }).click()
  await expect(table.getByRole('textbox', { name: `Label for ${name}` })).toHaveValue('CI agents')
  await expect(table).not.toContainText(r.token)
  await table.locator(`tr[data-token="${r.token}"]`).dblclick()
  await expect(app.getByRole('region', { name: 'Reservation details' })).toContainText(r.token)
})

test('a watched port held by our block: Why? from its row, then Release from the panel; it binds', async ({
  app,
  services,
}) => {
  const r = services.runtime.reserve({ protocol: 'udp', startPort: 0, count: 2 })
  await services.watch.add({ protocol: 'udp', port: r.startPort + 1, label: 'dns test' })
  await app.getByRole('tab', { name: 'Watched ports', exact: true }).click()
  await app.getByRole('button', { name: `Why? dns test UDP ${r.startPort + 1}` }).click()
  const panel = app.getByRole('complementary', { name: `Why can't I bind UDP ${r.startPort + 1}?` })
  await expect(panel).toContainText('cannot be bound now')
  await panel.getByRole('button', { name: 'Release block' }).click()
  await expect(panel).toContainText(`UDP ${r.startPort + 1} can be bound now.`)
  expect(services.runtime.list()).toEqual([])
})

test('the port map starts as one lane, expands to a lane per layer, and never draws Windows-only lanes here', async ({
  app,
}) => {
  await app.getByRole('tab', { name: 'Runtime tokens', exact: true }).click()
  const map = app.getByRole('application', { name: /^Port space map/ })
  await expect(map).toHaveAttribute('data-lanes', 'dynamic+reserved-admin+runtime+in-use')
  const expand = app.getByRole('button', { name: 'Lane per layer' })
  await expand.click()
  await expect(expand).toHaveAttribute('aria-pressed', 'true')
  await expect(map).toHaveAttribute('data-lanes', 'dynamic reserved-admin runtime in-use')
  await expect(app.getByRole('list', { name: 'Legend' })).not.toContainText('excluded (system)')
})
