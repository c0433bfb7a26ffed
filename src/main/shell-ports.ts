import { BrowserWindow, dialog, Notification } from 'electron'
import { notificationText } from './notification-text'
import type { ShellPorts } from './services/shell-ports'

const filters = [
  { name: 'HTML report', extensions: ['html'] },
  { name: 'PDF', extensions: ['pdf'] },
  { name: 'JSON', extensions: ['json'] },
  { name: 'CSV', extensions: ['csv'] },
]

/** Native dialogs and printToPDF, for the export and compare actions. */
export function electronShellPorts(parent: () => BrowserWindow | undefined): ShellPorts {
  return {
    async chooseSavePath(defaultName) {
      const win = parent()
      const options = { title: 'Export the reservation report', defaultPath: defaultName, filters }
      const r = win
        ? await dialog.showSaveDialog(win, options)
        : await dialog.showSaveDialog(options)
      return r.canceled ? undefined : r.filePath
    },
    async chooseOpenPath() {
      const options = {
        title: 'Compare with an earlier report',
        filters: [{ name: 'Portwarden JSON report', extensions: ['json'] }],
        properties: ['openFile' as const],
      }
      const win = parent()
      const r = win
        ? await dialog.showOpenDialog(win, options)
        : await dialog.showOpenDialog(options)
      return r.canceled ? undefined : r.filePaths[0]
    },
    notify(title, body) {
      if (Notification.isSupported()) new Notification(notificationText(title, body)).show()
    },
    async htmlToPdf(html) {
      // A hidden, script-less, sandboxed window: the report is data, never code we run.
      const win = new BrowserWindow({
        show: false,
        webPreferences: {
          sandbox: true,
          contextIsolation: true,
          javascript: false,
          disableBlinkFeatures: 'Auxclick',
        },
      })
      try {
        await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`)
        return await win.webContents.printToPDF({ printBackground: true, pageSize: 'A4' })
      } finally {
        win.destroy()
      }
    },
  }
}
