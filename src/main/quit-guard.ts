import { app, dialog, type BrowserWindow } from 'electron'

/**
 * Quitting gives every runtime reservation back, so with blocks held the user is asked first
 * ("Quitting releases N runtime reservations"), whether they close the window or quit from the
 * menu or dock. Once they say Quit, the will-quit handler releases the blocks.
 */
export function guardQuit(heldCount: () => number): { watch(win: BrowserWindow): void } {
  let confirmed = false
  const mayQuit = (parent?: BrowserWindow): boolean => {
    const n = heldCount()
    if (confirmed || n === 0) return true
    const options = {
      type: 'question' as const,
      buttons: ['Quit and release', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      title: 'Quit Portwarden?',
      message: `Quitting releases ${n} runtime reservation${n === 1 ? '' : 's'}.`,
      detail: 'Their ports become free for any program to take.',
    }
    const choice = parent
      ? dialog.showMessageBoxSync(parent, options)
      : dialog.showMessageBoxSync(options)
    confirmed = choice === 0
    return confirmed
  }
  app.on('before-quit', (event) => {
    if (!mayQuit()) event.preventDefault()
  })
  return {
    watch(win) {
      win.on('close', (event) => {
        if (!mayQuit(win)) event.preventDefault()
      })
    },
  }
}
