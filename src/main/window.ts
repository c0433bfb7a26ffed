import { BrowserWindow } from 'electron'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

/** Where the renderer is loaded from: the dev server in development, the built file otherwise. */
export function rendererLocation(): { url: string; origin: string } {
  const devUrl = process.env['ELECTRON_RENDERER_URL']
  if (devUrl) return { url: devUrl, origin: new URL(devUrl).origin }
  const url = pathToFileURL(join(__dirname, '../renderer/index.html')).href
  return { url, origin: url }
}

/** The one Portwarden window, locked down: isolated, sandboxed, no Node in the page. */
export function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Portwarden',
    autoHideMenuBar: true,
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
      // A middle-click on a link would ask for a new window (denied anyway): do not even ask.
      disableBlinkFeatures: 'Auxclick',
    },
  })
  win.once('ready-to-show', () => win.show())
  void win.loadURL(rendererLocation().url)
  return win
}
