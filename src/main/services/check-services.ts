import { createBackend, type PortBackend } from '../platform'
import { holderDirectory, readHolders } from './holder-files'
import { RuntimeReservationService } from './runtime-reservations'
import { PortVerdictService } from './verdict/port-verdict'

/**
 * Just what a one-shot port check needs (`portwarden check`): the backend, the verdict service
 * and the other Portwardens' blocks — not the inventory, watch, settings or elevation the app
 * builds with createAppServices, so the CLI loads and compiles only this much.
 */
export function createCheckServices(backend: PortBackend = createBackend()): {
  verdicts: PortVerdictService
} {
  const dir = holderDirectory()
  const otherHolders = () => readHolders(dir).filter((h) => h.pid !== process.pid)
  // This process holds no blocks: its registry stays empty.
  return {
    verdicts: new PortVerdictService(backend, new RuntimeReservationService(backend), otherHolders),
  }
}
