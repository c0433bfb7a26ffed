import { useEffect } from 'react'
import { showTab } from '../../stores/ui-store'

/** The visible tab's filter box, marked with data-tab-filter by the feature that owns it. */
const visibleFilter = () =>
  document.querySelector<HTMLInputElement>('[role="tabpanel"]:not([hidden]) [data-tab-filter]')

/**
 * Ctrl+F (⌘F) focuses the current tab's filter. A tab without one switches to "Ports in use",
 * the list worth filtering; its panel may mount only now, so focus waits for the next frames.
 */
export function useFindShortcut(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.key.toLowerCase() !== 'f') return
      e.preventDefault()
      const here = visibleFilter()
      if (here) {
        here.focus()
        here.select()
        return
      }
      showTab('sockets')
      requestAnimationFrame(() => requestAnimationFrame(() => visibleFilter()?.focus()))
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
