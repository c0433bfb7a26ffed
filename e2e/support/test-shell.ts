import type { Browser } from '@playwright/test'
import type { ShellPorts } from '../../src/main/services/shell-ports'

/**
 * The shell's dialogs, answered by the test: it sets the path the "user" picks next (undefined
 * = Cancel). PDFs are printed by Chromium, as Electron's printToPDF does in the app.
 */
export interface TestShell extends ShellPorts {
  nextSavePath?: string
  nextOpenPath?: string
  /** Every desktop notification shown, in order. */
  notifications: { title: string; body: string }[]
}

export function createTestShell(browser: Browser): TestShell {
  const shell: TestShell = {
    notifications: [],
    notify: (title, body) => void shell.notifications.push({ title, body }),
    chooseSavePath: async () => shell.nextSavePath,
    chooseOpenPath: async () => shell.nextOpenPath,
    async htmlToPdf(html) {
      const page = await browser.newPage({ javaScriptEnabled: false })
      try {
        await page.setContent(html)
        return await page.pdf({ format: 'A4', printBackground: true })
      } finally {
        await page.close()
      }
    },
  }
  return shell
}
