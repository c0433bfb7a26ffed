import type { Locator, Page } from '@playwright/test'

/** The port map's layers and lane geometry (LANE_HEIGHT, LANE_GAP in the renderer). */
type Lane = 'dynamic' | 'reserved-admin' | 'reserved-system' | 'runtime' | 'in-use'
const LANE_PITCH = 16 + 4

export const portMap = (app: Page): Locator =>
  app.getByRole('application', { name: /^Port space map/ })
export const mapReadout = (app: Page): Locator => app.getByRole('status', { name: 'Map read-out' })

/**
 * Where port `port` is drawn on the map, in the canvas's own coordinates, read from the view
 * the canvas publishes (data-view-start/-span): the middle of the port, in the given lane.
 */
export async function pointOfPort(
  map: Locator,
  port: number,
  lane: Lane = 'in-use',
): Promise<{ x: number; y: number }> {
  // The lanes the canvas says it draws (layers that cannot apply on this OS are left out).
  const { start, span, width, lanes } = await map.evaluate((el) => ({
    start: Number(el.dataset['viewStart']),
    span: Number(el.dataset['viewSpan']),
    width: el.getBoundingClientRect().width,
    lanes: (el.dataset['lanes'] ?? '').split(' '),
  }))
  // A lane may paint several layers ("dynamic+reserved-admin+runtime+in-use" on one lane).
  const index = lanes.findIndex((l) => l.split('+').includes(lane))
  if (index < 0) throw new Error(`The map draws no ${lane} layer here`)
  return {
    x: ((port + 0.5 - start) / span) * width,
    y: index * LANE_PITCH + 8,
  }
}

/** Zooms the map onto `port` through its "Go to port" box (48 ports across). */
export async function goToPort(app: Page, port: number): Promise<void> {
  const box = app.getByRole('textbox', { name: 'Go to port' })
  await box.fill(String(port))
  await box.press('Enter')
  await portMap(app).and(app.locator(`[data-view-span="48"]`)).waitFor()
}
