import { describe, expect, it } from 'vitest'
import { invokeChannelNames, wireName } from '../src/shared/contract'
import type { Result } from '../src/shared/errors'
import type { RuntimeReservation } from '../src/shared/model'
import { portsOf } from '../src/shared/ranges'
import { outcomes, probeBinds } from './support/bind-probe'
import { type FakeWebContents } from './support/electron-stub'
import { loadShellUnderStub } from './support/shell-under-stub'

const stub = loadShellUnderStub()

const ourWindow = () => stub.record.windows[0]!
const eventFrom = (contents: FakeWebContents, url = contents.mainFrame.url) => {
  const frame = url === contents.mainFrame.url ? contents.mainFrame : { url }
  return { sender: contents, senderFrame: frame }
}
const call = (channel: string, event: unknown, input?: unknown) =>
  stub.record.handlers.get(wireName(channel as 'runtime:list'))!(event, input) as Promise<
    Result<unknown>
  >

describe('the built Electron shell under a stand-in electron module (no Electron binary here)', () => {
  it('takes the single-instance lock and opens one locked-down window', () => {
    expect(stub.record.singleInstanceLockRequested).toBe(true)
    expect(stub.record.windows).toHaveLength(1)
    expect(ourWindow().options['webPreferences']).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      webSecurity: true,
    })
    expect(ourWindow().url).toBe('app://portwarden/index.html')
  })

  it('registers every contract channel, and refuses senders that are not our window', async () => {
    expect([...stub.record.handlers.keys()].sort()).toEqual(invokeChannelNames.map(wireName).sort())
    const stranger = eventFrom(ourWindow().contents, 'https://evil.example/')
    for (const channel of invokeChannelNames) {
      expect(await call(channel, stranger)).toMatchObject({
        ok: false,
        error: { kind: 'forbidden-sender' },
      })
    }
  })

  it('denies new windows and permission requests', () => {
    expect(ourWindow().contents.windowOpenHandler?.({ url: 'https://x.example' })).toEqual({
      action: 'deny',
    })
    let granted: boolean | undefined
    stub.record.permissionRequestHandler?.({}, 'notifications', (ok) => (granted = ok))
    expect(granted).toBe(false)
  })

  it('serves our window, pushes changes to it, asks before quitting, and releases every block on quit', async () => {
    const event = eventFrom(ourWindow().contents)
    const r = await call('runtime:reserve', event, { protocol: 'tcp', startPort: 0, count: 3 })
    if (!r.ok) throw new Error(r.error.message)
    const held = r.value as RuntimeReservation
    expect(ourWindow().contents.sent.at(-1)).toEqual({
      channel: wireName('runtime:changed'),
      payload: [held],
    })
    expect(outcomes(await probeBinds('tcp', '::', portsOf(held)))).toEqual(['EADDRINUSE'])

    // Quitting with a block held asks first; Cancel keeps everything.
    stub.dialog.nextAnswer = 1
    const cancelled = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true
      },
    }
    stub.app.emit('before-quit', cancelled)
    expect(cancelled.defaultPrevented).toBe(true)
    expect(stub.dialog.shown.at(-1)?.message).toBe('Quitting releases 1 runtime reservation.')
    expect(outcomes(await probeBinds('tcp', '::', portsOf(held)))).toEqual(['EADDRINUSE'])
    stub.dialog.nextAnswer = 0
    const confirmed = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true
      },
    }
    stub.app.emit('before-quit', confirmed)
    expect(confirmed.defaultPrevented).toBe(false)

    stub.app.emit('will-quit')
    expect(outcomes(await probeBinds('tcp', '::', portsOf(held)))).toEqual(['ok'])
    expect(await call('runtime:list', event)).toEqual({ ok: true, value: [] })
  })
})
