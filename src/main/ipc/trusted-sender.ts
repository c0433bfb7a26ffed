import type { IpcMainInvokeEvent, WebContents } from 'electron'

/**
 * An IPC message is trusted only when it comes from the main frame of one of our own windows,
 * showing our own renderer (file:// bundle, or the dev server in development).
 */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  ourContents: () => readonly WebContents[],
  rendererOrigin: string,
): boolean {
  const frame = event.senderFrame
  if (!frame || frame !== event.sender.mainFrame) return false
  if (!ourContents().some((wc) => wc.id === event.sender.id)) return false
  return frame.url.startsWith(rendererOrigin)
}
