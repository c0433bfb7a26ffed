import type { Page } from '@playwright/test'
import { expect, snapshot, test } from '../support/fixtures'

/** Presses Tab until `matches` holds for the focused element; fails after `max` presses. */
async function tabUntil(app: Page, matches: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await app.evaluate((sel) => document.activeElement?.matches(sel) ?? false, matches)) return
    await app.keyboard.press('Tab')
  }
  throw new Error(`Tab never reached ${matches}`)
}

const focusedRowToken = (app: Page) =>
  app.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset['token'])

test('keyboard only: Tab to the Reserve form, Enter reserves, the new row takes focus, Delete releases it', async ({
  app,
  services,
}, testInfo) => {
  await tabUntil(app, '.reserve-form select[name="protocol"]')
  await app.keyboard.press('Tab') // Any free block (checked): the start port is skipped
  await expect(app.getByLabel('Any free block')).toBeFocused()
  await app.keyboard.press('Tab')
  await expect(app.getByLabel('Count')).toBeFocused()
  await app.keyboard.press('Control+a')
  await app.keyboard.type('3')
  await app.keyboard.press('Enter')

  const rows = app.locator('tr[data-token]')
  await expect(rows).toHaveCount(1)
  const [held] = services.runtime.list()
  expect(held!.count).toBe(3)

  // The new row is the table's tab stop: Tab past the Reserve button lands on it.
  await tabUntil(app, 'tr[data-token]', 5)
  expect(await focusedRowToken(app)).toBe(held!.token)
  // Focus is visible on it.
  const outline = await app.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)
  expect(outline).not.toBe('none')

  await app.keyboard.press('Enter')
  const details = app.getByRole('region', { name: 'Reservation details' })
  await expect(details).toContainText(held!.token)
  await snapshot(app, testInfo, 'keyboard-details')
  await app.keyboard.press('Escape')
  await expect(details).toHaveCount(0)

  await app.keyboard.press('Delete')
  await expect(rows).toHaveCount(0)
  expect(services.runtime.list()).toEqual([])
  // The last row went: focus is back on the Reserve button, not lost to <body>.
  await expect(app.getByRole('button', { name: 'Reserve', exact: true })).toBeFocused()
})

test('arrows move between runtime rows; Delete moves focus to the next row', async ({
  app,
  services,
}) => {
  const a = services.runtime.reserve({ protocol: 'tcp', startPort: 0, count: 1 })
  const b = services.runtime.reserve({ protocol: 'tcp', startPort: 0, count: 1 })
  const c = services.runtime.reserve({ protocol: 'udp', startPort: 0, count: 1 })
  await expect(app.locator('tr[data-token]')).toHaveCount(3)
  await app.locator(`tr[data-token="${a.token}"]`).focus()
  await app.keyboard.press('ArrowDown')
  expect(await focusedRowToken(app)).toBe(b.token)
  await app.keyboard.press('End')
  expect(await focusedRowToken(app)).toBe(c.token)
  await app.keyboard.press('ArrowUp')
  await app.keyboard.press('Delete')
  // b is released; focus moved to c (the next row) before b's row went away.
  expect(await focusedRowToken(app)).toBe(c.token)
  await expect(app.locator(`tr[data-token="${b.token}"]`)).toHaveCount(0)
  expect(services.runtime.list().map((r) => r.token)).toEqual([a.token, c.token])
})

test('Ctrl+F focuses the Ports in use filter from any tab; arrows select socket rows', async ({
  app,
}) => {
  await app.keyboard.press('Control+f')
  const filter = app.getByLabel('Filter sockets')
  await expect(app.getByRole('tab', { name: 'Ports in use' })).toHaveAttribute(
    'aria-selected',
    'true',
  )
  await expect(filter).toBeFocused()
  await app.keyboard.type('listen')
  await expect(app.getByTestId('sockets-row-count')).toContainText(' of ')

  const region = app.getByRole('region', { name: 'Ports in use, scrollable' })
  await region.focus()
  await app.keyboard.press('ArrowDown')
  await app.keyboard.press('ArrowDown')
  const selected = region.locator('tr[aria-current="true"]')
  await expect(selected).toHaveCount(1)
  await expect(selected).toHaveAttribute('aria-rowindex', '3')

  // From another tab, Ctrl+F comes back to the same filter, its text selected.
  await app.getByRole('tab', { name: 'Port check' }).click()
  await app.keyboard.press('Control+f')
  await expect(filter).toBeFocused()
  await expect(filter).toHaveValue('listen')
})
