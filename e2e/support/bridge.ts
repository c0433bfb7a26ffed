import type { Page } from '@playwright/test'
import { buildSync } from 'esbuild'
import { resolve } from 'node:path'
import {
  CHANNEL_PREFIX,
  invokeChannelNames,
  wireName,
  type InvokeChannel,
} from '../../src/shared/contract'
import { createHandlers } from '../../src/main/ipc/handlers'
import type { AppServices } from '../../src/main/services/app-services'
import type { ShellPorts } from '../../src/main/services/shell-ports'
import { wirePushes } from '../../src/main/ipc/wire-pushes'

let pageScript: string | undefined

/** The page half of the bridge, bundled once per run with the same buildApi the preload uses. */
function pageBridgeScript(): string {
  pageScript ??= buildSync({
    entryPoints: [resolve('e2e/support/page-bridge.ts')],
    bundle: true,
    format: 'iife',
    write: false,
    target: 'chrome120',
  }).outputFiles[0]!.text
  return pageScript
}

/**
 * Puts the real main-process services behind the page's window.api: invokes go through the
 * same handler registry ipcMain uses (schema parsing, envelopes), pushes are delivered from
 * the services' change events. Returns a function that detaches the push subscription.
 */
export async function installBridge(
  page: Page,
  services: AppServices,
  shell?: ShellPorts,
): Promise<() => void> {
  const handlers = createHandlers(services, shell)
  const offNotify = services.watch.onNotify((title, body) => shell?.notify(title, body))
  await page.exposeBinding('__portwardenInvoke', (_source, wire: string, input: unknown) => {
    const channel = wire.slice(CHANNEL_PREFIX.length) as InvokeChannel
    if (!wire.startsWith(CHANNEL_PREFIX) || !invokeChannelNames.includes(channel)) {
      return { ok: false, error: { kind: 'invalid-input', message: `Unknown channel ${wire}` } }
    }
    return handlers[channel](input)
  })
  await page.addInitScript({ content: pageBridgeScript() })
  const offPushes = wirePushes(services, (channel, payload) => {
    // Sent as one JSON string: Playwright serializes a plain string far faster than an object.
    void page
      .evaluate(
        ([wire, json]) =>
          (window as unknown as { __portwardenPush(c: string, p: unknown): void }).__portwardenPush(
            wire,
            JSON.parse(json),
          ),
        [wireName(channel), JSON.stringify(payload)] as const,
      )
      .catch(() => undefined) // the page may be closing
  })
  return () => {
    offPushes()
    offNotify()
  }
}
