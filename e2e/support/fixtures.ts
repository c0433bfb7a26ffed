import { test as base, chromium, type Browser, type Page, type TestInfo } from '@playwright/test'
import { createBackend } from '../../src/main/platform'
import {
  createAppServices,
  type AppServices,
  type AppServicesOptions,
} from '../../src/main/services/app-services'
import { inventoryWorkerScript } from '../../test/support/inventory-worker-script'
import { installBridge } from './bridge'
import { serveRenderer } from './static-server'
import { hostSafe } from './test-backends'
import { createTestShell, type TestShell } from './test-shell'

/** Debian's Chromium; the flags keep it from reaching for a network this machine lacks. */
export const CHROMIUM = process.env['PORTWARDEN_CHROMIUM'] ?? '/usr/bin/chromium'

export const test = base.extend<
  {
    services: AppServices
    shell: TestShell
    app: Page
    /** The tab the page is on when a spec starts ('': the app's own first screen, Overview). */
    startTab: string | undefined
  },
  { browser: Browser; rendererUrl: string }
>({
  browser: [
    async ({}, use) => {
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      })
      await use(browser)
      await browser.close()
    },
    { scope: 'worker' },
  ],
  rendererUrl: [
    async ({}, use) => {
      const { url, server } = await serveRenderer()
      await use(url)
      server.close()
    },
    { scope: 'worker' },
  ],
  // Specs written before the Overview became the first screen start where they were written to.
  startTab: ['Runtime tokens', { option: true }],
  services: servicesFixture(() => ({})),
  shell: async ({ browser }, use) => {
    await use(createTestShell(browser))
  },
  app: async ({ browser, rendererUrl, services, shell, startTab }, use) => {
    const context = await browser.newContext()
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
    const detach = await installBridge(page, services, shell)
    await page.goto(rendererUrl)
    // The app is ready once main has answered app:info: its effects (Ctrl+E, pushes) are on.
    await page.locator('.facts').waitFor({ state: 'attached' })
    if (startTab) await page.getByRole('tab', { name: startTab, exact: true }).click()
    await use(page)
    detach()
    await context.close()
    if (errors.length) throw new Error(`The page logged errors:\n${errors.join('\n')}`)
  },
})

export { expect } from '@playwright/test'

/**
 * The `services` fixture, with options a spec may override (a test-only backend from
 * test-backends.ts, a holder directory shared with a CLI child). Every backend is host-safe
 * unless the spec passes its own: no e2e writes the host's reserved ports.
 */
export function servicesFixture(options: () => Partial<AppServicesOptions>) {
  return async ({}, use: (s: AppServices) => Promise<void>) => {
    const custom = options()
    const services = createAppServices({
      appVersion: 'e2e',
      // A short poll so sockets opened or closed by a test reach the page within a second.
      pollIntervalMs: 200,
      backend: hostSafe(createBackend()),
      // As in the app, the OS is read in the inventory worker; a spec's own backend (made in
      // this process, out of the worker's reach) is read on this thread instead.
      inventoryWorker: custom.backend ? undefined : { script: inventoryWorkerScript() },
      ...custom,
    })
    services.inventory.start()
    await use(services)
    services.inventory.stop()
    services.runtime.releaseAll() // as the shell does on quit
  }
}

/** Saves a screenshot under the test's output folder and attaches it to the report. */
export async function snapshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`)
  await page.screenshot({ path, fullPage: true })
  await testInfo.attach(name, { path, contentType: 'image/png' })
}
