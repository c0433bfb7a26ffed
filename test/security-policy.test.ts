// The shell's security policy, from the built main bundle under the stand-in `electron` module
// (as in shell.smoke.test.ts): what it asks of Electron's session, app and windows.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { type HeadersResponse } from './support/electron-stub'
import { loadShellUnderStub } from './support/shell-under-stub'

const stub = loadShellUnderStub()

/** The policy of a page's `<meta http-equiv="Content-Security-Policy">`. */
function metaCsp(file: string): string {
  const m = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(
    readFileSync(file, 'utf8'),
  )
  if (!m) throw new Error(`no CSP meta tag in ${file}`)
  return m[1]!
}

function headersFor(resourceType: string, responseHeaders?: Record<string, string[]>) {
  let response: HeadersResponse | undefined
  stub.record.headersReceived!(
    { url: 'file:///app/out/renderer/index.html', resourceType, responseHeaders },
    (r) => (response = r),
  )
  return response
}

const preventable = () => {
  const event = { prevented: false, preventDefault: () => (event.prevented = true) }
  return event
}

describe('the security policy of the built shell (stand-in electron module)', () => {
  it('sandboxes every renderer app-wide, and the window asks for no middle-click windows', () => {
    expect(stub.record.sandboxEnabledForAll).toBe(true)
    expect(stub.record.windows[0]!.options['webPreferences']).toMatchObject({
      sandbox: true,
      disableBlinkFeatures: 'Auxclick',
    })
  })

  it('sends the CSP as a header on documents: the meta tag policy plus frame-ancestors', () => {
    const response = headersFor('mainFrame', { 'X-Kept': ['yes'] })
    const header = response?.responseHeaders?.['Content-Security-Policy']
    expect(header).toHaveLength(1)
    expect(response?.responseHeaders?.['X-Kept']).toEqual(['yes'])
    const meta = metaCsp('src/renderer/index.html')
    expect(header![0]).toBe(`${meta}; frame-ancestors 'none'`)
    expect(metaCsp('out/renderer/index.html')).toBe(meta)
    expect(headersFor('subFrame')?.responseHeaders?.['Content-Security-Policy']).toEqual(header)
    // Scripts, styles and images keep their headers as they are.
    expect(headersFor('script', { 'X-Kept': ['yes'] })).toEqual({})
  })

  it('denies permission checks, device permissions and downloads', () => {
    expect(stub.record.permissionCheckHandler?.({}, 'notifications', 'file:///', {})).toBe(false)
    expect(stub.record.devicePermissionHandler?.({ deviceType: 'hid', origin: 'file://' })).toBe(
      false,
    )
    const download = preventable()
    stub.record.sessionEvents.emit('will-download', download, {}, {})
    expect(download.prevented).toBe(true)
  })

  it('refuses navigation, redirects and webviews in every web contents', () => {
    const contents = stub.record.windows[0]!.contents
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = preventable()
      contents.emit(name, event, {}, {})
      expect(event.prevented, name).toBe(true)
    }
  })
})
