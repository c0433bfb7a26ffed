import { BrowserWindow, type Input } from 'electron'
import { join } from 'node:path'
import { rendererUrl } from './renderer-location'

/** Keys that reload the page or open DevTools; a packaged app answers none of them. */
export function isDeveloperShortcut(
  input: Pick<Input, 'type' | 'key' | 'control' | 'meta' | 'shift' | 'alt'>,
): boolean {
  if (input.type !== 'keyDown') return false
  const key = input.key.toLowerCase()
  const mod = input.control || input.meta
  if (key === 'f5' || key === 'f12') return true
  if (mod && key === 'r') return true // reload, and with Shift a hard reload
  if (mod && (input.shift || input.alt) && ['i', 'j', 'c'].includes(key)) return true // DevTools
  return false
}

/** A crashed renderer is reloaded (it resyncs from main), but not in a loop. */
const MAX_RELOADS_PER_MINUTE = 3

/** The one Portwarden window, locked down: isolated, sandboxed, no Node in the page. */
export function createMainWindow(isPackaged: boolean): BrowserWindow {
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
      devTools: !isPackaged,
    },
  })
  if (isPackaged) {
    win.webContents.on('before-input-event', (event, input) => {
      if (isDeveloperShortcut(input)) event.preventDefault()
    })
  }
  const reloads: number[] = []
  win.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit' || win.isDestroyed()) return
    const now = Date.now()
    while (reloads.length && now - reloads[0]! > 60_000) reloads.shift()
    if (reloads.length >= MAX_RELOADS_PER_MINUTE) {
      console.error(`Portwarden: the page crashed again (${details.reason}); not reloading it.`)
      return
    }
    reloads.push(now)
    console.error(`Portwarden: the page crashed (${details.reason}); reloading it.`)
    win.webContents.reload()
  })
  win.once('ready-to-show', () => win.show())
  void win.loadURL(rendererUrl(process.env, isPackaged))
  return win
}
