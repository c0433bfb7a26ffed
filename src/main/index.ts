import { app, BrowserWindow, protocol } from 'electron'
import { join } from 'node:path'
import { appFileResponse } from './app-protocol'
import { confirmInDialog } from './confirm-dialog'
import { elevationRunner } from './elevation-program'
import { registerIpc } from './ipc/register'
import { createHandlers } from './ipc/handlers'
import { push } from './ipc/push'
import { wirePushes } from './ipc/wire-pushes'
import { guardQuit } from './quit-guard'
import { applySecurityPolicy } from './security'
import { electronShellPorts } from './shell-ports'
import { createAppServices } from './services/app-services'
import { APP_SCHEME, rendererUrl } from './renderer-location'
import { createMainWindow } from './window'

// No debugger on a signal: a SIGUSR1 listener keeps Node from opening its inspector on
// 127.0.0.1:9229 (packaged builds also turn the inspector off with the fuses).
process.on('SIGUSR1', () => {})

// Every renderer sandboxed, also any window that forgets to ask for it (must precede 'ready').
app.enableSandbox()
// The page's own origin (app://portwarden): standard and secure, so CSP 'self' is the app's bundle
// and not every file:// URL (must precede 'ready').
protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
  },
])

// One Portwarden per user session: a second start focuses the first, whose sockets hold the ports.
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  const services = createAppServices({
    appVersion: app.getVersion(),
    publishAs: 'app',
    settingsFile: join(app.getPath('userData'), 'settings.json'),
    // The OS is read in a worker thread: main's event loop never waits on netlink or /proc.
    inventoryWorker: { script: join(__dirname, 'inventory-worker.js') },
    // Host changes are confirmed in a native dialog, and made through the elevated helper when
    // this app is not privileged (it never needs to run as root).
    confirm: (question) => confirmInDialog(question, mainWindow),
    elevation: elevationRunner(app.isPackaged),
  })
  const windows = () => BrowserWindow.getAllWindows().map((w) => w.webContents)
  let mainWindow: BrowserWindow | undefined

  wirePushes(services, (channel, payload) => push(windows(), channel, payload))

  app.on('second-instance', () => {
    if (!mainWindow || mainWindow.isDestroyed()) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })

  const quitGuard = guardQuit(() => services.runtime.list().length)
  // Runtime reservations live only as long as this process holds them: give them back on quit.
  app.on('will-quit', () => {
    services.inventory.stop()
    services.runtime.releaseAll()
  })
  app.on('window-all-closed', () => app.quit())

  void app.whenReady().then(() => {
    applySecurityPolicy()
    const rendererRoot = join(__dirname, '../renderer')
    protocol.handle(APP_SCHEME, (request) => appFileResponse(rendererRoot, request))
    const shell = electronShellPorts(() => mainWindow)
    services.watch.onNotify((title, body) => shell.notify(title, body))
    registerIpc(createHandlers(services, shell), windows, rendererUrl(process.env, app.isPackaged))
    mainWindow = createMainWindow(app.isPackaged)
    quitGuard.watch(mainWindow)
    services.inventory.start()
  })
}
