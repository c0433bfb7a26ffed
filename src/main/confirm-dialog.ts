import { dialog, type BrowserWindow } from 'electron'
import type { HostChangeQuestion } from './services/confirm'

/**
 * Main's own question before a host change, in a native dialog the page cannot answer or skip.
 * Cancel is the default and what Escape picks.
 */
export async function confirmInDialog(
  question: HostChangeQuestion,
  parent: BrowserWindow | undefined,
): Promise<boolean> {
  const options = {
    type: 'warning' as const,
    title: question.title,
    message: question.message,
    detail: question.detail,
    buttons: [question.confirmLabel, 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  }
  const { response } = parent
    ? await dialog.showMessageBox(parent, options)
    : await dialog.showMessageBox(options)
  return response === 0
}
