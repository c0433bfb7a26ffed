import { createBackend } from '../../src/main/platform'
import type { PortBackend } from '../../src/main/platform/backend'
import type { ReservedRange } from '../../src/shared/inventory'
import { createAppServices } from '../../src/main/services/app-services'
import { test as base, expect, snapshot } from '../support/fixtures'

/**
 * States the host must not be put into for a test (reserved ports set, socket listing failing)
 * are shown from the real backend with two answers replaced. Nothing here writes to the host:
 * the range editor is removed outright.
 */
const RESERVED: ReservedRange[] = [
  {
    protocols: ['tcp', 'udp'],
    startPort: 40000,
    endPort: 40999,
    administered: true,
    origin: 'net.ipv4.ip_local_reserved_ports',
  },
  {
    protocols: ['tcp'],
    startPort: 50000,
    endPort: 50000,
    administered: false,
    origin: 'made up for this test',
  },
]

const listing = { failing: false, rangesFailing: false }

const test = base.extend({
  services: async ({}, use) => {
    const real = createBackend()
    const backend: PortBackend = {
      ...real,
      reservedRangeEditor: undefined,
      reservedRanges() {
        // As Windows' netsh does when it fails or prints no table (and under Wine).
        if (listing.rangesFailing) throw new Error('netsh printed no table (simulated).')
        return RESERVED
      },
      listSockets() {
        if (listing.failing) throw new Error('inet_diag: Operation not permitted (simulated)')
        return real.listSockets()
      },
    }
    const services = createAppServices({ appVersion: 'e2e', pollIntervalMs: 200, backend })
    services.inventory.start()
    await use(services)
    services.inventory.stop()
    listing.failing = false
    listing.rangesFailing = false
  },
})

test('reserved ranges list administrator and system ranges; the bar marks them', async ({
  app,
}, testInfo) => {
  await app.getByRole('tab', { name: 'Reserved ranges' }).click()
  const rows = app.getByRole('table', { name: 'Reserved ranges' }).locator('tbody tr')
  await expect(rows).toHaveCount(2)
  await expect(rows.nth(0)).toContainText('40000–40999')
  await expect(rows.nth(0)).toContainText('administrator')
  await expect(rows.nth(1)).toContainText('system')
  await snapshot(app, testInfo, 'reserved-ranges-listed')

  await app.getByRole('tab', { name: 'Dynamic range' }).click()
  await expect(app.locator('.port-space-reserved')).toHaveCount(2)
})

test('a failing poll marks the data stale with the error, and recovery clears it', async ({
  app,
}, testInfo) => {
  const status = app.getByLabel('Inventory status')
  await expect(status).toContainText('kernel (netlink)')
  listing.failing = true
  await expect(status.getByRole('alert')).toContainText('Stale since')
  await expect(status).toContainText('Operation not permitted (simulated)')
  await app.emulateMedia({ colorScheme: 'dark' })
  await app.getByRole('tab', { name: 'Ports in use' }).click()
  await expect(app.getByRole('table', { name: 'Ports in use' })).toBeVisible()
  await snapshot(app, testInfo, 'stale-dark')

  listing.failing = false
  await expect(status.getByRole('alert')).toHaveCount(0)
})

test('ranges the OS will not give are said to be unknown, never shown as "none"; the sockets keep coming', async ({
  app,
}, testInfo) => {
  const status = app.getByLabel('Inventory status')
  await app.getByRole('tab', { name: 'Reserved ranges' }).click()
  const rows = app.getByRole('table', { name: 'Reserved ranges' }).locator('tbody tr')
  await expect(rows).toHaveCount(2)
  listing.rangesFailing = true
  await expect(status).toContainText('Port ranges not read: netsh printed no table (simulated).')
  const panel = app.getByRole('region', { name: 'Reserved ranges' })
  await expect(panel.getByRole('alert')).toContainText('could not be read')
  // The last list read stays; nothing claims there are none.
  await expect(rows).toHaveCount(2)
  await expect(panel).not.toContainText('No ports in')
  await expect(status.getByRole('alert')).toHaveCount(0) // the sockets are not stale
  await snapshot(app, testInfo, 'ranges-unknown')
  listing.rangesFailing = false
  await expect(status).not.toContainText('Port ranges not read')
  await expect(panel.getByRole('alert')).toHaveCount(0)
})
