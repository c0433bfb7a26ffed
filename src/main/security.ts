import { app, session, type WebContents } from 'electron'
import { CSP_HEADER } from './csp'

export { CSP_HEADER, RENDERER_CSP } from './csp'

/**
 * App-wide guards: no new windows, no navigation away from our page, no webviews, no downloads,
 * the CSP as a header on every document, and every permission request and check (camera,
 * notifications from pages, HID/USB/serial devices, …) denied.
 */
export function applySecurityPolicy(): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
    contents.on('will-navigate', (event) => event.preventDefault())
    contents.on('will-redirect', (event) => event.preventDefault())
    contents.on('will-attach-webview', (event) => event.preventDefault())
  })
  const ses = session.defaultSession
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  ses.setPermissionCheckHandler(() => false)
  ses.setDevicePermissionHandler(() => false)
  // Portwarden saves files only through its own dialogs; a page never starts a download.
  ses.on('will-download', (event) => event.preventDefault())
  ses.webRequest.onHeadersReceived((details, callback) => {
    if (details.resourceType !== 'mainFrame' && details.resourceType !== 'subFrame') {
      callback({})
      return
    }
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP_HEADER] },
    })
  })
}
