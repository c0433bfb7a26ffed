import { EventEmitter } from 'node:events'

/** What the stand-in records of the shell's use of Electron. */
export interface ShellRecord {
  windows: { options: Record<string, unknown>; url?: string; contents: FakeWebContents }[]
  handlers: Map<string, (event: unknown, input: unknown) => unknown>
  permissionRequestHandler?: (wc: unknown, permission: string, cb: (ok: boolean) => void) => void
  permissionCheckHandler?: (...args: unknown[]) => boolean
  devicePermissionHandler?: (details: unknown) => boolean
  /** session.webRequest.onHeadersReceived's listener. */
  headersReceived?: (details: HeadersDetails, cb: (response: HeadersResponse) => void) => void
  /** Listeners on the default session's events (e.g. 'will-download'). */
  sessionEvents: EventEmitter
  sandboxEnabledForAll: boolean
  singleInstanceLockRequested: boolean
  /** protocol.registerSchemesAsPrivileged's argument (before ready). */
  privilegedSchemes?: { scheme: string; privileges: Record<string, boolean> }[]
  /** protocol.handle's handlers, by scheme. */
  protocolHandlers: Map<string, (request: Request) => Promise<Response> | Response>
}

export interface HeadersDetails {
  url: string
  resourceType: string
  responseHeaders?: Record<string, string[]>
}
export interface HeadersResponse {
  responseHeaders?: Record<string, string[]>
  cancel?: boolean
}

let nextId = 1

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++
  readonly mainFrame = { url: '' }
  readonly sent: { channel: string; payload: unknown }[] = []
  reloads = 0
  windowOpenHandler?: (details: unknown) => { action: string }
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload })
  }
  isDestroyed() {
    return false
  }
  setWindowOpenHandler(h: (details: unknown) => { action: string }) {
    this.windowOpenHandler = h
  }
  reload() {
    this.reloads++
  }
}

/**
 * A stand-in `electron` module for running the built main bundle under plain Node: no window
 * is shown, but every BrowserWindow option, ipcMain registration and app event is recorded.
 */
export function createElectronStub(options: { isPackaged?: boolean } = {}) {
  const record: ShellRecord = {
    windows: [],
    handlers: new Map(),
    sessionEvents: new EventEmitter(),
    sandboxEnabledForAll: false,
    singleInstanceLockRequested: false,
    protocolHandlers: new Map(),
  }
  const app = Object.assign(new EventEmitter(), {
    requestSingleInstanceLock: () => (record.singleInstanceLockRequested = true),
    enableSandbox: () => void (record.sandboxEnabledForAll = true),
    whenReady: () => Promise.resolve(),
    getVersion: () => '0.0.0-stub',
    getPath: (name: string) => `${process.env['PORTWARDEN_STUB_USERDATA'] ?? '/tmp'}/${name}`,
    quit: () => undefined,
    isPackaged: options.isPackaged ?? false,
  })
  class BrowserWindow extends EventEmitter {
    static all: BrowserWindow[] = []
    static getAllWindows = () => BrowserWindow.all
    readonly webContents = new FakeWebContents()
    constructor(options: Record<string, unknown>) {
      super()
      BrowserWindow.all.push(this)
      app.emit('web-contents-created', {}, this.webContents)
      record.windows.push({ options, contents: this.webContents })
    }
    loadURL(url: string) {
      this.webContents.mainFrame.url = url
      record.windows.at(-1)!.url = url
      return Promise.resolve()
    }
    show() {}
    focus() {}
    isDestroyed = () => false
    isMinimized = () => false
  }
  const session = {
    defaultSession: {
      setPermissionRequestHandler: (h: ShellRecord['permissionRequestHandler']) =>
        (record.permissionRequestHandler = h),
      setPermissionCheckHandler: (h: ShellRecord['permissionCheckHandler']) =>
        (record.permissionCheckHandler = h),
      setDevicePermissionHandler: (h: ShellRecord['devicePermissionHandler']) =>
        (record.devicePermissionHandler = h),
      on: (event: string, listener: (...args: unknown[]) => void) =>
        record.sessionEvents.on(event, listener),
      webRequest: {
        onHeadersReceived: (h: ShellRecord['headersReceived']) => (record.headersReceived = h),
      },
    },
  }
  const ipcMain = {
    handle: (channel: string, fn: (event: unknown, input: unknown) => unknown) =>
      record.handlers.set(channel, fn),
    removeHandler: (channel: string) => record.handlers.delete(channel),
  }
  const dialog = {
    /** The answer the next message box gets: 0 = the first button. */
    nextAnswer: 0,
    shown: [] as { message?: string }[],
    showMessageBoxSync(...args: unknown[]) {
      dialog.shown.push(args.at(-1) as { message?: string })
      return dialog.nextAnswer
    },
    showMessageBox(...args: unknown[]) {
      dialog.shown.push(args.at(-1) as { message?: string })
      return Promise.resolve({ response: dialog.nextAnswer, checkboxChecked: false })
    },
  }
  const protocol = {
    registerSchemesAsPrivileged: (schemes: ShellRecord['privilegedSchemes']) =>
      (record.privilegedSchemes = schemes),
    handle: (scheme: string, handler: (request: Request) => Promise<Response> | Response) =>
      record.protocolHandlers.set(scheme, handler),
  }
  return {
    module: { app, BrowserWindow, session, ipcMain, dialog, protocol },
    record,
    app,
    dialog,
  }
}
