import type { AcquiredBlock, PortBackend } from '../../src/main/platform/backend'
import { expect, snapshot, test } from '../support/fixtures'
import { spawnListener } from '../support/listener-child'

/** One TCP port just below `port` (the first free one): it sorts after the block, descending. */
function acquireBelow(backend: PortBackend, port: number): AcquiredBlock {
  for (let p = port - 1; p > port - 100; p--) {
    try {
      return backend.acquireBlock({ protocol: 'tcp', startPort: p, count: 1 })
    } catch {
      // taken by something else on this machine: try the next one down
    }
  }
  throw new Error(`no free TCP port in the 99 below ${port}`)
}

test('rows flash green when added and fade red when removed, keeping sort, filter, scroll and selection', async ({
  app,
  services,
}, testInfo) => {
  await app.getByRole('tab', { name: 'Ports in use', exact: true }).click()
  const table = app.getByRole('table', { name: 'Ports in use' })
  const region = app.getByRole('region', { name: 'Ports in use, scrollable' })
  // Some rows to scroll through, held by this process; sorted by port, descending.
  const block = services.backend.acquireBlock({ protocol: 'tcp', startPort: 0, count: 300 })
  try {
    await app.getByLabel('Filter sockets').fill(`bound ${process.pid}`)
    await expect(app.getByTestId('sockets-row-count')).toContainText(/^300 of /)
    const portHeader = table.getByRole('columnheader', { name: 'Local port' })
    await portHeader.getByRole('button').click() // ascending by default: now descending
    await expect(portHeader).toHaveAttribute('aria-sort', 'descending')
    // Near the bottom, where the new socket (the lowest port, so the last row) will sort.
    const top = await region.evaluate((el) => {
      el.scrollTo({ top: el.scrollHeight - el.clientHeight - 60 })
      return el.scrollTop
    })
    const picked = table.locator('tbody tr:not(.spacer)').nth(-4)
    await picked.click()
    const pickedKey = await picked.getAttribute('data-key')

    // A new socket of this process that matches the filter flashes green where it sorts …
    const extra = acquireBelow(services.backend, block.startPort)
    const row = table.locator(`tr[data-key*=" ${extra.startPort} "]`)
    await expect(row).toHaveClass(/flash-added-[ab]/)
    await expect(app.getByTestId('sockets-row-count')).toContainText(/^301 of /)
    await snapshot(app, testInfo, 'row-flashing-in')
    // … and fades out red when it goes, then leaves.
    extra.release()
    await expect(row).toHaveClass(/row-removed/)
    await expect(row).toHaveAttribute('aria-hidden', 'true')
    await snapshot(app, testInfo, 'row-fading-out')
    await expect(row).toHaveCount(0)
    await expect(app.getByTestId('sockets-row-count')).toContainText(/^300 of /)

    // Nothing the user set was lost to the pushes.
    await expect(app.getByLabel('Filter sockets')).toHaveValue(`bound ${process.pid}`)
    await expect(portHeader).toHaveAttribute('aria-sort', 'descending')
    expect(await region.evaluate((el) => el.scrollTop)).toBe(top)
    await expect(table.locator(`tr[data-key="${pickedKey}"]`)).toHaveAttribute(
      'aria-current',
      'true',
    )
  } finally {
    block.release()
  }
})

test('a new runtime row flashes green; a released one fades out and loses its token', async ({
  app,
  services,
}) => {
  const r = services.runtime.reserve({ protocol: 'tcp', startPort: 0, count: 2 })
  const row = app.locator(`tr[data-token="${r.token}"]`)
  await expect(row).toHaveClass(/flash-added-[ab]/)
  services.runtime.release(r.token)
  await expect(row).toHaveCount(0)
  const ghost = app.locator(`tr[data-removed-token="${r.token}"]`)
  await expect(ghost).toHaveClass(/row-removed/)
  await expect(ghost).toHaveAttribute('aria-hidden', 'true')
  await expect(ghost).toHaveCount(0)
})

test('another process’s new listener flashes green in "Ports in use"', async ({ app }) => {
  await app.getByRole('tab', { name: 'Ports in use', exact: true }).click()
  const listener = await spawnListener()
  try {
    await app.getByLabel('Filter sockets').fill(String(listener.port))
    const row = app.getByRole('table', { name: 'Ports in use' }).locator('tbody tr').first()
    await expect(row).toContainText(`node (${listener.pid})`)
    await expect(row).toHaveClass(/flash-added-[ab]/)
  } finally {
    await listener.kill()
  }
})
