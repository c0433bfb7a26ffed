import type { SocketEntry } from '../../../../shared/sockets'
import { socketValues, type SocketColumnId } from '../inventory/socket-columns'

const headers: Record<SocketColumnId, string> = {
  protocol: 'Protocol',
  localAddress: 'Local address',
  localPort: 'Local port',
  remote: 'Remote end',
  state: 'State',
  owner: 'Owner',
  user: 'User',
}

/** Tabs and line breaks inside a cell would start a new cell or row in a spreadsheet. */
const cell = (v: string | number) => String(v).replace(/[\t\r\n]+/g, ' ')

/** Rows as tab-separated values with a header line, as a spreadsheet pastes them. */
export function socketsTsv(
  rows: readonly SocketEntry[],
  ids: readonly SocketColumnId[] = Object.keys(headers) as SocketColumnId[],
): string {
  const lines = [ids.map((id) => headers[id]).join('\t')]
  for (const s of rows) lines.push(ids.map((id) => cell(socketValues[id](s))).join('\t'))
  return lines.join('\n') + '\n'
}

let pending: string | undefined

/** Fills the clipboard during a copy event (Ctrl+C or execCommand) with the pending text. */
function onCopy(e: ClipboardEvent): void {
  if (pending === undefined || !e.clipboardData) return
  e.clipboardData.setData('text/plain', pending)
  e.preventDefault()
  pending = undefined
}
let listening = false

/**
 * Puts `text` on the clipboard. Through a copy event, which needs no permission (the app denies
 * every permission request, clipboard-write included); navigator.clipboard as a fallback.
 */
export async function copyText(text: string): Promise<boolean> {
  if (!listening) {
    document.addEventListener('copy', onCopy)
    listening = true
  }
  pending = text
  const done = document.execCommand('copy')
  if (done && pending === undefined) return true
  pending = undefined
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    return false
  }
}
