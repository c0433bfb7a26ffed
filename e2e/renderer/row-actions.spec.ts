import net from 'node:net'
import type { Page } from '@playwright/test'
import { startPythonListener, type PythonListener } from '../../test/support/python-listener'
import { realBind } from '../../test/support/real-bind'
import { expect, snapshot, test } from '../support/fixtures'

// Row actions against real processes: every "freed" is checked with a real bind from the test
// process, every "closed" by the peer seeing the abort.

const asRoot = process.getuid?.() === 0
const NOBODY = 65534
const openTab = (app: Page, name: string) => app.getByRole('tab', { name, exact: true }).click()
const socketRows = (app: Page) =>
  app.getByRole('table', { name: 'Ports in use' }).locator('tbody tr:not(.spacer)')
/** The socket rows of one local port, after filtering the list down to it. */
async function rowsOfPort(app: Page, port: number) {
  await openTab(app, 'Ports in use')
  await app.getByLabel('Filter sockets').fill(String(port))
  const rows = socketRows(app).filter({ hasText: String(port) })
  await expect(rows.first()).toBeVisible()
  return rows
}

let started: PythonListener[] = []
test.afterEach(async () => {
  await Promise.all(started.map((l) => l.stop()))
  started = []
})
async function python(options: Parameters<typeof startPythonListener>[0] = {}) {
  const l = await startPythonListener(options)
  started.push(l)
  return l
}

test.describe('row actions on real processes', () => {
  test.skip(!asRoot, 'ends another user’s process: needs root here')

  test('a python3 listener run as nobody, ended from its row in two clicks after the menu', async ({
    app,
  }, testInfo) => {
    const l = await python({ uid: NOBODY })
    expect(realBind('tcp', l.port)).toBe('EADDRINUSE')
    const rows = await rowsOfPort(app, l.port)
    // Another user's new process: the inventory's owner cache names it by its next full pass.
    await expect(rows.first()).toContainText(`python3 (${l.pid})`, { timeout: 15_000 })
    await rows.first().click({ button: 'right' })
    const menu = app.getByRole('menu', { name: `Actions for TCP ${l.port}` })
    await expect(menu).toBeVisible()
    await snapshot(app, testInfo, 'row-menu')
    await menu.getByRole('menuitem', { name: /End process/ }).click() // click 1
    const dialog = app.getByRole('dialog', { name: `End python3 (pid ${l.pid})?` })
    await expect(dialog).toContainText('nobody')
    await expect(dialog.getByTestId('end-command-line')).toContainText('/usr/bin/python3 -c')
    await snapshot(app, testInfo, 'end-process-dialog')
    await dialog.getByRole('button', { name: 'End process' }).click() // click 2
    await expect(app.getByRole('region', { name: 'Messages' })).toContainText(
      `python3 (pid ${l.pid}) ended (SIGTERM). TCP ${l.port} is free now.`,
    )
    await expect(rows).toHaveCount(0)
    expect(l.exited()).toBe(true)
    expect(realBind('tcp', l.port)).toBe('ok')
  })

  test('“Why can’t I bind this?”: double-click opens the verdict with who holds it; End process from there', async ({
    app,
  }, testInfo) => {
    const l = await python({ uid: NOBODY, ignoreTerm: true })
    const rows = await rowsOfPort(app, l.port)
    await rows.first().dblclick()
    const panel = app.getByRole('complementary', { name: `Why can't I bind TCP ${l.port}?` })
    await expect(panel).toContainText(`TCP ${l.port} cannot be bound now.`)
    await expect(panel).toContainText(`python3 (pid ${l.pid}`)
    const holder = panel.getByRole('region', { name: `python3 (pid ${l.pid})` })
    await expect(holder).toContainText('/usr/bin/python3 -c')
    await expect(holder).toContainText('nobody')
    await snapshot(app, testInfo, 'why-panel')

    // It ignores SIGTERM: the dialog says so and offers SIGKILL.
    await holder.getByRole('button', { name: 'End process…' }).click()
    await app.getByRole('dialog').getByRole('button', { name: 'End process' }).click()
    const stuck = app.getByRole('dialog', { name: `python3 (pid ${l.pid}) is still running` })
    await expect(stuck).toBeVisible({ timeout: 10_000 })
    await stuck.getByRole('button', { name: 'Kill (SIGKILL)' }).click()
    await expect(panel).toContainText(`TCP ${l.port} can be bound now.`)
    expect(realBind('tcp', l.port)).toBe('ok')
    await panel.getByRole('button', { name: 'Close' }).click()
    await expect(panel).toHaveCount(0)
  })

  test('Close connection as root: the connection from its row is aborted (SOCK_DESTROY)', async ({
    app,
  }) => {
    const l = await python({ uid: NOBODY })
    const client = net.connect(l.port, '127.0.0.1')
    const errors: string[] = []
    client.on('error', (e: NodeJS.ErrnoException) => errors.push(e.code ?? e.message))
    await new Promise((r) => client.once('connect', r))
    const local = client.localPort!
    const rows = await rowsOfPort(app, local)
    const row = rows.filter({ hasText: 'ESTABLISHED' }).filter({ hasText: `:${l.port}` })
    await row.first().click()
    await app
      .getByRole('toolbar', { name: 'Socket actions' })
      .getByRole('button', { name: 'Close connection' })
      .click()
    await expect(app.getByRole('region', { name: 'Messages' })).toContainText(
      `Closed TCP 127.0.0.1:${local} → 127.0.0.1:${l.port}.`,
    )
    await expect.poll(() => errors).toContain('ECONNABORTED')
    client.destroy()
  })
})

test('Copy: Ctrl+C puts the selected rows on the clipboard as TSV', async ({ app }) => {
  await app.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  const servers = await Promise.all(
    [0, 1].map(
      () =>
        new Promise<net.Server>((resolve) => {
          const s = net.createServer().listen(0, '127.0.0.1', () => resolve(s))
        }),
    ),
  )
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port)
  try {
    await openTab(app, 'Ports in use')
    await app.getByLabel('Filter sockets').fill(`${process.pid} listen`)
    const rows = socketRows(app)
    const first = rows.filter({ hasText: String(ports[0]) })
    const second = rows.filter({ hasText: String(ports[1]) })
    await first.first().click()
    await second.first().click({ modifiers: ['Control'] })
    await app.getByRole('region', { name: 'Ports in use, scrollable' }).focus()
    await app.keyboard.press('Control+c')
    await expect(app.getByRole('region', { name: 'Messages' })).toContainText('Copied 2 rows')
    const text = await app.evaluate(() => navigator.clipboard.readText())
    const lines = text.trim().split('\n')
    expect(lines[0]).toBe('Protocol\tLocal address\tLocal port\tRemote end\tState\tOwner\tUser')
    expect(lines).toHaveLength(3)
    for (const [i, port] of ports.entries())
      expect(
        lines.find((line) => line.split('\t')[2] === String(port)),
        `row ${i}`,
      ).toMatch(
        new RegExp(`^TCP\\t127\\.0\\.0\\.1\\t${port}\\t\\tLISTEN\\tnode \\(${process.pid}\\)\\t`),
      )
  } finally {
    for (const s of servers) s.close()
  }
})

test('our own block is one folded line; unfolded, its rows offer “Release block”, and the port binds after', async ({
  app,
  services,
}) => {
  const r = services.runtime.reserve({ protocol: 'tcp', startPort: 0, count: 3 })
  // Our own blocks are folded: one line for the block instead of a row per port.
  await openTab(app, 'Ports in use')
  await app.getByLabel('Filter sockets').fill(String(r.startPort + 1))
  const fold = app
    .getByRole('group', { name: "Portwarden's own blocks" })
    .getByRole('button', { name: `TCP ${r.startPort}–${r.startPort + 2} · 3 ports` })
  await expect(fold).toHaveAttribute('aria-expanded', 'false')
  await expect(socketRows(app)).toHaveCount(0)
  await fold.click()
  const rows = await rowsOfPort(app, r.startPort + 1)
  await rows.first().click({ button: 'right' })
  await app.getByRole('menuitem', { name: /^Release block/ }).click()
  await expect(app.getByRole('region', { name: 'Messages' })).toContainText(
    `Released block ${r.token}.`,
  )
  expect(services.runtime.list()).toEqual([])
  expect(realBind('tcp', r.startPort + 1)).toBe('ok')
})

test('Space pauses the list: a new listener shows only after resuming; Ctrl+1…7 pick tabs', async ({
  app,
}) => {
  await openTab(app, 'Ports in use')
  const region = app.getByRole('region', { name: 'Ports in use, scrollable' })
  await region.focus()
  await app.keyboard.press('Space')
  await expect(app.getByRole('button', { name: 'Resume updates' })).toHaveAttribute(
    'aria-pressed',
    'true',
  )
  const server = net.createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as net.AddressInfo).port
  try {
    await app.getByLabel('Filter sockets').fill(String(port))
    await app.waitForTimeout(1200) // several polls: the row must not appear while paused
    await expect(socketRows(app)).toHaveCount(0)
    await region.focus()
    await app.keyboard.press('Space')
    await expect(socketRows(app).first()).toContainText(String(port))
  } finally {
    server.close()
  }
  await app.keyboard.press('Control+7')
  await expect(app.getByRole('tab', { name: 'Port check' })).toHaveAttribute(
    'aria-selected',
    'true',
  )
  await app.keyboard.press('Control+3')
  await expect(app.getByRole('tab', { name: 'Ports in use' })).toHaveAttribute(
    'aria-selected',
    'true',
  )
})

test('a refused Reserve offers the nearest free block, checked by the kernel, and takes it in one click', async ({
  app,
  services,
}) => {
  const squatter = net.createServer()
  await new Promise<void>((r) => squatter.listen(0, '127.0.0.1', r))
  const busy = (squatter.address() as net.AddressInfo).port
  try {
    await app.getByLabel('Any free block').uncheck()
    await app.getByLabel('Start port').fill(String(busy - 1))
    await app.getByLabel('Count').fill('3')
    await app.getByRole('button', { name: 'Reserve', exact: true }).click()
    await expect(app.locator('#reserve-error')).toContainText(`port ${busy} is already in use`)
    const offer = app.getByRole('button', { name: /^Reserve \d+–\d+ instead$/ })
    await expect(offer).toBeVisible()
    const [from, to] = (await offer.textContent())!.match(/\d+/g)!.map(Number)
    expect(to! - from! + 1).toBe(3)
    expect(busy < from! || busy > to!).toBe(true)
    await offer.click()
    await expect
      .poll(() => services.runtime.list().map((r) => [r.startPort, r.count]))
      .toEqual([[from, 3]])
    for (let p = from!; p <= to!; p++) expect(realBind('tcp', p)).toBe('EADDRINUSE')
  } finally {
    squatter.close()
  }
})

test('Delete on a runtime row releases at once and offers Undo, which takes the same block again', async ({
  app,
  services,
}) => {
  const r = services.runtime.reserve({ protocol: 'tcp', startPort: 0, count: 2 })
  const row = app.locator(`tr[data-token="${r.token}"]`)
  await row.focus()
  await app.keyboard.press('Delete')
  await expect(row).toHaveCount(0)
  const messages = app.getByRole('region', { name: 'Messages' })
  await expect(messages).toContainText(`Released TCP ${r.startPort}–${r.startPort + 1}.`)
  expect(realBind('tcp', r.startPort)).toBe('ok')
  await messages.getByRole('button', { name: 'Undo' }).click()
  await expect(messages).toContainText(`Reserved TCP ${r.startPort}–${r.startPort + 1} again`)
  expect(services.runtime.list().map((x) => [x.startPort, x.count])).toEqual([[r.startPort, 2]])
  expect(realBind('tcp', r.startPort + 1)).toBe('EADDRINUSE')
})

test('filter matches are highlighted in the rows on screen (CSS highlights, rows untouched)', async ({
  app,
}) => {
  await openTab(app, 'Ports in use')
  await app.getByLabel('Filter sockets').fill('Listen 127.0')
  await expect(socketRows(app).first()).toBeVisible()
  const marked = () =>
    app.evaluate(() => {
      const h = (CSS as unknown as { highlights: Map<string, Iterable<Range>> }).highlights.get(
        'filter-match',
      )
      return h ? [...h].map((r) => r.toString().toLowerCase()) : []
    })
  await expect.poll(async () => (await marked()).length).toBeGreaterThan(0)
  expect(new Set(await marked())).toEqual(new Set(['listen', '127.0']))
  await app.getByLabel('Filter sockets').fill('')
  await expect.poll(marked).toEqual([])
})

test('choose columns: switched-off columns leave the header, the rows and what Copy puts on the clipboard', async ({
  app,
}) => {
  await app.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  await openTab(app, 'Ports in use')
  const table = app.getByRole('table', { name: 'Ports in use' })
  await app.locator('.column-chooser summary').click()
  await app.getByRole('checkbox', { name: 'Remote end' }).uncheck()
  await app.getByRole('checkbox', { name: 'User' }).uncheck()
  await expect(table.getByRole('columnheader')).toHaveText([
    'Protocol',
    'Local address',
    /^Local port/, // and its sort arrow
    'State',
    'Owner',
  ])
  await expect(socketRows(app).first().getByRole('cell')).toHaveCount(5)
  await app.keyboard.press('Escape') // the popover closes
  await expect(app.getByRole('checkbox', { name: 'State' })).toBeHidden()
  await socketRows(app).first().click()
  await app.getByRole('region', { name: 'Ports in use, scrollable' }).focus()
  await app.keyboard.press('Control+c')
  await expect(app.getByRole('region', { name: 'Messages' })).toContainText('Copied 1 row')
  const text = await app.evaluate(() => navigator.clipboard.readText())
  expect(text.split('\n')[0]).toBe('Protocol\tLocal address\tLocal port\tState\tOwner')
  expect(text.split('\n')[1]!.split('\t')).toHaveLength(5)
})

test('group by process: each process’s sockets together, a line above each group', async ({
  app,
}) => {
  const a = await python()
  const b = await python()
  const server = net.createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  try {
    await openTab(app, 'Ports in use')
    await app.getByLabel('Filter sockets').fill('listen')
    await expect(socketRows(app).filter({ hasText: `(${b.pid})` })).toHaveCount(1, {
      timeout: 15_000,
    })
    await expect(socketRows(app).filter({ hasText: `(${a.pid})` })).toHaveCount(1)
    await app.getByRole('button', { name: 'Group by process' }).click()
    const owners = await socketRows(app).locator('td.col-owner').allTextContents()
    const starts = await socketRows(app).evaluateAll((rows) =>
      rows.map((r) => r.classList.contains('group-start')),
    )
    // Contiguous: once a process's rows end, it does not come back; each run starts a group.
    const seen = new Set<string>()
    owners.forEach((owner, i) => {
      const first = i === 0 || owners[i - 1] !== owner
      if (first) expect(seen.has(owner), `${owner} split`).toBe(false)
      seen.add(owner)
      expect(starts[i], `row ${i} (${owner})`).toBe(first)
    })
    expect(seen).toContain(`python3 (${a.pid})`)
    expect(seen).toContain(`python3 (${b.pid})`)
  } finally {
    server.close()
  }
})
