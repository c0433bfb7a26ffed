import { app, session, type WebContents } from 'electron'

/**
 * The renderer's Content-Security-Policy, exactly as in the meta tag of src/renderer/index.html
 * (test/security-policy.test.ts keeps the two equal).
 */
export const RENDERER_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'"

/**
 * The same policy as a response header, plus what only a header can carry: no page may frame
 * ours. Both apply; a page is held to the stricter of the two.
 */
export const CSP_HEADER = `${RENDERER_CSP}; frame-ancestors 'none'`

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
