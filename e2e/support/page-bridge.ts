// Runs inside the page (bundled by bridge.ts): builds window.api exactly as the preload does,
// but over Playwright bindings instead of ipcRenderer.
import { buildApi } from '../../src/preload/build-api'

type Listener = (payload: unknown) => void
interface BridgeWindow {
  __portwardenInvoke(channel: string, input: unknown): Promise<unknown>
  __portwardenPush(channel: string, payload: unknown): void
  api: unknown
}

const w = window as unknown as BridgeWindow
const listeners = new Map<string, Set<Listener>>()

w.__portwardenPush = (channel, payload) => listeners.get(channel)?.forEach((l) => l(payload))
w.api = buildApi({
  invoke: (channel, input) => w.__portwardenInvoke(channel, input),
  subscribe(channel, listener) {
    const set = listeners.get(channel) ?? new Set<Listener>()
    listeners.set(channel, set)
    set.add(listener)
    return () => set.delete(listener)
  },
})
