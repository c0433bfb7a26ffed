import type { WebContents } from 'electron'
import { pushChannels, wireName, type PushChannel, type PushPayload } from '../../shared/contract'
import { PUSHES_CHECKED_WHERE_MADE } from './checked-where-made'

/**
 * Sends a typed push event to each live window; the payload is checked against the contract
 * (the inventory's deltas where they are made, off main's thread: see checked-where-made.ts).
 */
export function push<C extends PushChannel>(
  targets: readonly WebContents[],
  channel: C,
  payload: PushPayload<C>,
): void {
  const checked = PUSHES_CHECKED_WHERE_MADE.has(channel)
    ? payload
    : pushChannels[channel].parse(payload)
  for (const wc of targets) {
    if (!wc.isDestroyed()) wc.send(wireName(channel), checked)
  }
}
