import { readFileSync } from 'node:fs'
import { createBackend } from '../../src/main/platform'
import { test as base, expect, servicesFixture, snapshot } from '../support/fixtures'
import { goToPort, pointOfPort, portMap } from '../support/map-geometry'
import { inMemoryReserved } from '../support/test-backends'

/**
 * Reserved ranges are added and deleted through the real IPC handlers and services, but the
 * backend's reserved list is an in-memory one (test-backends.ts): the host's
 * net.ipv4.ip_local_reserved_ports is never written. Each test checks that it is unchanged.
 */
const SYSCTL = '/proc/sys/net/ipv4/ip_local_reserved_ports'
const hostReserved = () => readFileSync(SYSCTL, 'utf8')

let backend: ReturnType<typeof inMemoryReserved>
/** What main asked before changing the host (its native dialog, answered yes here). */
let asked: string[] = []
const privileged = base.extend({
  services: servicesFixture(() => {
    backend = inMemoryReserved(createBackend())
    asked = []
    return { backend, confirm: (q) => (asked.push(q.message), true) }
  }),
})
const unprivileged = base.extend({
  services: servicesFixture(() => {
    backend = inMemoryReserved(createBackend(), {
      privileged: false,
      initial: [{ startPort: 41000, count: 10 }],
    })
    return { backend }
  }),
})

privileged(
  'add a persistent range, then delete it after confirming (in-memory reserved list, host untouched)',
  async ({ app }, testInfo) => {
    const before = hostReserved()
    await app.getByRole('tab', { name: 'Reserved ranges' }).click()
    await app.getByLabel('First port').fill('47000')
    await app.getByLabel('Number of ports').fill('20')
    await app.getByLabel('Persist across reboot').check()
    await app.getByRole('button', { name: 'Add range' }).click()

    const rows = app.getByRole('table', { name: 'Reserved ranges' }).locator('tbody tr')
    await expect(rows).toHaveCount(1)
    await expect(rows.first()).toContainText('47000–47019')
    await expect(rows.first()).toContainText('administrator')
    expect(backend.spans).toEqual([{ startPort: 47000, count: 20 }])
    expect(backend.persisted).toEqual([{ startPort: 47000, count: 20 }])
    expect(asked).toEqual(['Reserve ports 47000–47019?']) // persisting: main asked first
    await snapshot(app, testInfo, 'reserved-added')

    // The range is on the map; clicking it there comes back to its row, selected.
    await app.getByRole('tab', { name: 'Runtime tokens' }).click()
    await goToPort(app, 47010)
    const map = portMap(app)
    await map.click({ position: await pointOfPort(map, 47010, 'reserved-admin') })
    await expect(app.getByRole('tab', { name: 'Reserved ranges' })).toHaveAttribute(
      'aria-selected',
      'true',
    )
    await expect(rows.first()).toHaveAttribute('aria-current', 'true')
    await expect(rows.first()).toBeFocused()

    // Cancel keeps it; the dialog names the range.
    const remove = app.getByRole('button', { name: 'Delete reserved range 47000–47019' })
    await remove.click()
    const dialog = app.getByRole('dialog', { name: 'Delete reserved range 47000–47019?' })
    await expect(dialog).toBeVisible()
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused()
    await snapshot(app, testInfo, 'reserved-confirm')
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await expect(dialog).toHaveCount(0)
    await expect(remove).toBeFocused() // the browser hands focus back to the opener
    expect(backend.spans).toHaveLength(1)

    await remove.click()
    await dialog.getByRole('button', { name: 'Delete range' }).click()
    await expect(rows).toHaveCount(0)
    expect(backend.spans).toEqual([])
    expect(hostReserved()).toBe(before)
  },
)

unprivileged(
  'without privileges and no way to elevate, the page shows the exact command to run (in-memory reserved list, host untouched)',
  async ({ app, services }, testInfo) => {
    const before = hostReserved()
    await expect(app.locator('.facts')).toContainText('standard user')
    await app.getByRole('tab', { name: 'Reserved ranges' }).click()
    const form = app.getByRole('form', { name: 'Add a reserved range' })
    await expect(form).toContainText('needs root')
    await expect(form).toContainText('run the command below in a terminal')
    await expect(form).not.toContainText('sudo -E npm start')
    await form.getByLabel('First port').fill('42000')
    await form.getByLabel('Number of ports').fill('5')
    await expect(form.locator('.terminal-command code')).toHaveText(
      'sudo npx portwarden reserved add 42000-42004 --yes',
    )
    // Submitting gets main's answer: the same command, nothing changed.
    await form.getByRole('button', { name: 'Add range' }).click()
    await expect(form).toContainText('Run this in a terminal instead')
    // Main refuses too, whatever the page does.
    await expect(services.reserved.add({ startPort: 42000, count: 1 })).rejects.toThrow(
      /sudo npx portwarden reserved add 42000 --yes/,
    )
    await app.emulateMedia({ colorScheme: 'dark' })
    await snapshot(app, testInfo, 'reserved-unprivileged-dark')
    expect(backend.spans).toEqual([{ startPort: 41000, count: 10 }])
    expect(hostReserved()).toBe(before)
  },
)
