// The packaged shell (app.isPackaged: true) under the stand-in `electron` module, started with a
// hostile ELECTRON_RENDERER_URL: what page it loads, which senders IPC believes, how it serves
// its page, and what a packaged window refuses (DevTools, reload keys) or recovers from (a crash).
import { describe, expect, it } from 'vitest'
import { wireName } from '../src/shared/contract'
import type { Result } from '../src/shared/errors'
import type { FakeWebContents } from './support/electron-stub'
import { runIsolatedFromHost } from './support/isolated-from-host'
import { loadShellUnderStub } from './support/shell-under-stub'

const stub = loadShellUnderStub({
  isPackaged: true,
  env: { ELECTRON_RENDERER_URL: 'https://evil.example/' },
})
const win = () => stub.record.windows[0]!
/** app:info from our window's main frame, as if it showed `url` (navigated, or framed). */
const appInfo = async (contents: FakeWebContents, url: string) => {
  const shown = contents.mainFrame.url
  contents.mainFrame.url = url
  try {
    return (await stub.record.handlers.get(wireName('app:info'))!(
      { sender: contents, senderFrame: contents.mainFrame },
      undefined,
    )) as Result<unknown>
  } finally {
    contents.mainFrame.url = shown
  }
}
const key = (k: string, mods: { control?: boolean; shift?: boolean; alt?: boolean } = {}) => {
  const event = { prevented: false, preventDefault: () => (event.prevented = true) }
  win().contents.emit('before-input-event', event, {
    type: 'keyDown',
    key: k,
    control: false,
    meta: false,
    shift: false,
    alt: false,
    ...mods,
  })
  return event.prevented
}

describe('the packaged shell with ELECTRON_RENDERER_URL pointing elsewhere (stand-in electron)', () => {
  it('ignores the variable and loads its own page from app://portwarden', () => {
    expect(win().url).toBe('app://portwarden/index.html')
    expect(stub.record.privilegedSchemes).toEqual([
      {
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true }),
      },
    ])
  })

  it('answers only its exact page: not the named page, not a longer path, not a look-alike host', async () => {
    const contents = win().contents
    expect(await appInfo(contents, contents.mainFrame.url)).toMatchObject({ ok: true })
    expect(await appInfo(contents, 'app://portwarden/index.html#/ranges')).toMatchObject({
      ok: true,
    })
    for (const url of [
      'https://evil.example/',
      'app://portwarden/index.html.evil.html',
      'app://portwarden/index.htmlx',
      'app://portwarden.evil/index.html',
      'app://portwarden/other.html',
      'file:///work/main/out/renderer/index.html',
      'not a url',
    ]) {
      expect(await appInfo(contents, url), url).toMatchObject({
        ok: false,
        error: { kind: 'forbidden-sender' },
      })
    }
  })

  it('serves its page with the CSP header, scripts as JavaScript, and nothing outside its folder', async () => {
    const handle = stub.record.protocolHandlers.get('app')!
    const page = await handle(new Request('app://portwarden/index.html'))
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(await page.text())![1]!
    const js = await handle(new Request(`app://portwarden/${script}`))
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/)
    for (const url of [
      'app://portwarden/../../../../etc/passwd',
      'app://portwarden/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      'app://portwarden/..%2f..%2f..%2fetc%2fpasswd',
      'app://portwarden/assets',
      'app://elsewhere/index.html',
    ]) {
      expect((await handle(new Request(url))).status, url).toBeGreaterThanOrEqual(400)
    }
  })

  it('has no DevTools and ignores reload and DevTools keys', () => {
    expect(win().options['webPreferences']).toMatchObject({ devTools: false })
    expect(key('r', { control: true })).toBe(true)
    expect(key('R', { control: true, shift: true })).toBe(true)
    expect(key('F5')).toBe(true)
    expect(key('F12')).toBe(true)
    expect(key('I', { control: true, shift: true })).toBe(true)
    // The app's own shortcuts still reach the page.
    expect(key('e', { control: true })).toBe(false)
    expect(key('f', { control: true })).toBe(false)
  })

  it('reloads a crashed page (it resyncs from main), but not in a loop', () => {
    const contents = win().contents
    contents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 })
    expect(contents.reloads).toBe(0)
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 11 })
    expect(contents.reloads).toBe(1)
    for (let i = 0; i < 5; i++)
      contents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 9 })
    expect(contents.reloads).toBe(3)
  })

  // In a child isolated from the host: a shell that ignored Cancel would otherwise reserve every
  // port of this machine and persist it across reboots.
  it.skipIf(process.getuid?.() !== 0)(
    'asks in a native dialog before a host change; Cancel changes nothing (private netns + /etc/sysctl.d)',
    async () => {
      const r = await runIsolatedFromHost<{
        answer: unknown
        shown: unknown[]
        kernelList: string
        persistedFile: boolean
      }>('test/support/shell-host-change-child.ts')
      expect(r.answer).toMatchObject({ ok: false, error: { kind: 'cancelled' } })
      expect(r.shown).toEqual([
        expect.objectContaining({
          message: 'Reserve ports 1–65535?',
          buttons: ['Reserve 1–65535', 'Cancel'],
          cancelId: 1,
          defaultId: 1,
        }),
      ])
      expect(r.kernelList).toBe('')
      expect(r.persistedFile).toBe(false)
    },
  )
})
