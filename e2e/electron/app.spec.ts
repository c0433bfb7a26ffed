import { _electron as electron, expect, test } from '@playwright/test'
import { outcomes, probeBinds } from '../../test/support/bind-probe'
import { findElectronBinary } from '../../scripts/electron-binary.cjs'

const binary = findElectronBinary()

test.describe('the packaged shell under a real Electron binary', () => {
  test.skip(!binary.path, `No Electron binary on this machine: ${binary.missing}`)

  test('reserve from the window, ports busy, release, and quitting frees them', async () => {
    const app = await electron.launch({ executablePath: binary.path, args: ['.'] })
    const page = await app.firstWindow()
    // Isolated and sandboxed: the page sees window.api and nothing of Node.
    const globals = await page.evaluate(() => ({
      api: typeof (window as { api?: unknown }).api,
      require: typeof (window as { require?: unknown }).require,
      process: typeof (window as { process?: unknown }).process,
    }))
    expect(globals).toEqual({ api: 'object', require: 'undefined', process: 'undefined' })

    await page.getByLabel('Count').fill('3')
    await page.getByRole('button', { name: 'Reserve', exact: true }).click()
    const row = page.getByRole('table', { name: 'Runtime reservations' }).locator('tbody tr')
    const heldPorts = async () => {
      await expect(row).toHaveCount(1)
      const start = Number((await row.locator('td').nth(2).innerText()).split('–')[0])
      return [start, start + 1, start + 2]
    }
    const first = await heldPorts()
    expect(outcomes(await probeBinds('tcp', '::', first))).toEqual(['EADDRINUSE'])

    await row.getByRole('button', { name: /^Release/ }).click()
    await expect(row).toHaveCount(0)
    expect(outcomes(await probeBinds('tcp', '::', first))).toEqual(['ok'])

    await page.getByRole('button', { name: 'Reserve', exact: true }).click()
    const second = await heldPorts()
    expect(outcomes(await probeBinds('tcp', '::', second))).toEqual(['EADDRINUSE'])
    await app.close()
    expect(outcomes(await probeBinds('tcp', '::', second))).toEqual(['ok'])
  })
})
