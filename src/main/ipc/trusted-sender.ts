import type { IpcMainInvokeEvent, WebContents } from 'electron'
import { documentKey } from '../renderer-location'

/**
 * An IPC message is trusted only when it comes from the main frame of one of our own windows,
 * showing exactly our renderer page: same scheme, host and path as `rendererUrl` (app://portwarden/
 * index.html, or the loopback dev server in development). Not a prefix: `…/index.html.evil.html`
 * or `app://portwarden.evil/` are other documents.
 */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  ourContents: () => readonly WebContents[],
  rendererUrl: string,
): boolean {
  const frame = event.senderFrame
  if (!frame || frame !== event.sender.mainFrame) return false
  if (!ourContents().some((wc) => wc.id === event.sender.id)) return false
  const expected = documentKey(rendererUrl)
  return expected !== undefined && documentKey(frame.url) === expected
}
