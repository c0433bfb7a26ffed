import { useEffect } from 'react'

/**
 * Ctrl+1…9 (⌘ on macOS) selects the n-th tab, as browsers do. Ignored with Alt or Shift, so
 * other shortcuts and typed characters are left alone.
 */
export function useTabShortcuts<Id extends string>(ids: readonly Id[], select: (id: Id) => void) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return
      const n = Number(e.key)
      const id = Number.isInteger(n) && n >= 1 ? ids[n - 1] : undefined
      if (id === undefined) return
      e.preventDefault()
      select(id)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [ids, select])
}
