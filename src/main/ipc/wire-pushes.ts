import type { PushChannel, PushPayload } from '../../shared/contract'
import type { AppServices } from '../services/app-services'

export type PushSender = <C extends PushChannel>(channel: C, payload: PushPayload<C>) => void

/**
 * Connects every service event to its push channel, once, for whoever delivers them: the
 * Electron shell (webContents.send) or the e2e bridge (page.evaluate). Returns an unsubscribe.
 */
export function wirePushes(services: AppServices, send: PushSender): () => void {
  const offs = [
    services.runtime.onChange((snapshot) => send('runtime:changed', snapshot)),
    services.inventory.onChange((delta) => send('inventory:changed', delta)),
    services.watch.onStatus((list) => send('watch:changed', list)),
  ]
  return () => offs.forEach((off) => off())
}
