import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { invokeChannelNames } from '../../src/shared/contract'
import type { AppServices } from '../../src/main/services/app-services'
import { startReserveHolder } from '../../test/support/cli-holder'
import { test as base, expect, servicesFixture, snapshot } from '../support/fixtures'
import { goToPort, mapReadout, pointOfPort, portMap } from '../support/map-geometry'

/** One holder directory per test, shared by the services under test and the CLI child. */
let stateDir = ''
const test = base.extend({
  services: servicesFixture(() => {
    stateDir = mkdtempSync(join(tmpdir(), 'portwarden-map-'))
    return { holderDir: stateDir }
  }),
})

/** A block of `count` ports 20000 and up that every verdict calls free (not dynamic). */
function freeBlock(services: AppServices, protocol: 'tcp' | 'udp', count: number): number {
  for (let start = 20000; start < 30000; start += 100) {
    const verdicts = services.verdicts.check({ protocol, ports: `${start}-${start + count - 1}` })
    if (verdicts.every((v) => v.reasons.every((r) => r.code === 'free'))) return start
  }
  throw new Error('no free block of ports between 20000 and 30000')
}

test('the map shows a block another process just reserved; hovering a port names node', async ({
  app,
}, testInfo) => {
  const { child, held } = await startReserveHolder(['--count', '20'], {
    ...process.env,
    NODE_OPTIONS: '',
    PORTWARDEN_STATE_DIR: stateDir,
  })
  try {
    const port = held.startPort + 7
    await goToPort(app, port)
    const map = portMap(app)
    // The holder's sockets reach the page with the next inventory poll.
    await expect(async () => {
      await map.hover({ position: await pointOfPort(map, port) })
      await expect(mapReadout(app)).toContainText(`TCP ${port}`, { timeout: 500 })
      await expect(mapReadout(app)).toContainText(`in use by node (${child.pid})`, {
        timeout: 500,
      })
    }).toPass()
    await expect(mapReadout(app)).toContainText('bound (not listening)')
    // Where main lists other Portwardens' blocks (runtime:others), the runtime lane has it too.
    if ((invokeChannelNames as string[]).includes('runtime:others')) {
      await expect(mapReadout(app)).toContainText(`(cli, pid ${child.pid}), token ${held.token}`)
    }
    await snapshot(app, testInfo, 'map-other-holder')

    // A click on the in-use lane opens "Ports in use" with that socket selected.
    await map.click({ position: await pointOfPort(map, port) })
    await expect(app.getByRole('tab', { name: 'Ports in use' })).toHaveAttribute(
      'aria-selected',
      'true',
    )
    const selected = app.getByRole('table', { name: 'Ports in use' }).locator('tr[aria-current]')
    await expect(selected).toContainText(String(port))
    await expect(selected).toContainText(`node (${child.pid})`)
    await expect(selected).toBeInViewport()
  } finally {
    child.kill('SIGINT')
  }
})

test('dragging across free ports fills the Reserve form; the protocol stays', async ({
  app,
  services,
}, testInfo) => {
  const start = freeBlock(services, 'udp', 20)
  // The map draws the form's protocol: UDP here, and the drag must leave it so.
  await app.locator('select[name="protocol"]').selectOption('udp')
  await expect(app.locator('.proto-chip')).toHaveText('UDP')
  await goToPort(app, start + 10)
  const map = portMap(app)
  const from = await pointOfPort(map, start, 'dynamic')
  const to = await pointOfPort(map, start + 19, 'dynamic')
  const box = (await map.boundingBox())!
  await app.mouse.move(box.x + from.x, box.y + from.y)
  await app.mouse.down()
  await app.mouse.move(box.x + (from.x + to.x) / 2, box.y + from.y, { steps: 4 })
  await app.mouse.move(box.x + to.x, box.y + to.y, { steps: 4 })
  await app.mouse.up()

  await expect(app.getByLabel('Any free block')).not.toBeChecked()
  await expect(app.getByLabel('Start port')).toHaveValue(String(start))
  await expect(app.getByLabel('Count')).toHaveValue('20')
  await expect(app.locator('select[name="protocol"]')).toHaveValue('udp')
  await expect(mapReadout(app)).toContainText(`Reserve form set to UDP ${start}–${start + 19}`)
  await expect(app.getByRole('status', { name: 'Block availability' })).toContainText(
    'All 20 ports free',
  )
  await snapshot(app, testInfo, 'map-drag-prefilled')

  await app.getByRole('button', { name: 'Reserve', exact: true }).click()
  const row = app.locator('tr[data-token]')
  await expect(row).toContainText(`${start}–${start + 19}`)
  await expect(row).toContainText('UDP')
  // The block is on the map now: a click on it selects its row.
  await map.click({ position: await pointOfPort(map, start + 5, 'runtime') })
  await expect(row).toHaveAttribute('aria-current', 'true')
  await expect(row).toBeFocused()
  await expect(app.getByRole('status', { name: 'Block availability' })).toContainText(
    '20 of 20 ports cannot be bound',
  )
})

test('the map zooms with the buttons, the wheel and the keyboard, and reads out the cursor', async ({
  app,
}) => {
  const map = portMap(app)
  const span = async () => Number(await map.getAttribute('data-view-span'))
  expect(await span()).toBe(65536)
  await app.getByRole('button', { name: 'Zoom in' }).click()
  expect(await span()).toBe(32768)
  await map.hover({ position: { x: 100, y: 10 } })
  await app.mouse.wheel(0, -400)
  await expect.poll(span).toBeLessThan(32768)
  await app.getByRole('button', { name: 'All' }).click()
  await map.focus()
  await app.keyboard.press('+')
  await app.keyboard.press('+')
  expect(await span()).toBe(16384)
  await app.keyboard.press('ArrowRight')
  await expect(mapReadout(app)).toContainText(/TCP \d+/)
  await app.keyboard.press('0')
  expect(await span()).toBe(65536)
})
