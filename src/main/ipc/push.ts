import type { WebContents } from 'electron'
import { pushChannels, wireName, type PushChannel, type PushPayload } from '../../shared/contract'

/** Sends a typed push event to each live window; the payload is checked against the contract. */
export function push<C extends PushChannel>(
  targets: readonly WebContents[],
  channel: C,
  payload: PushPayload<C>,
): void {
  const checked = pushChannels[channel].parse(payload)
  for (const wc of targets) {
    if (!wc.isDestroyed()) wc.send(wireName(channel), checked)
  }
}
