import { useEffect, useMemo, useRef } from 'react'
import { socketColumns, type SocketColumnId } from '../inventory/socket-columns'
import { toggleColumn, useActionsStore } from './actions-store'

/** The "Ports in use" columns shown, in order (one at least, whatever was switched off). */
export function useVisibleColumns(): readonly SocketColumnId[] {
  const hidden = useActionsStore((s) => s.hiddenColumns)
  return useMemo(() => {
    const shown = socketColumns.filter((c) => !hidden.has(c.id)).map((c) => c.id)
    return shown.length ? shown : ['localPort']
  }, [hidden])
}

/** A popover of checkboxes choosing which "Ports in use" columns are shown (and copied). */
export function ColumnChooser() {
  const hidden = useActionsStore((s) => s.hiddenColumns)
  const left = socketColumns.length - hidden.size
  const ref = useRef<HTMLDetailsElement>(null)
  // A popover: a click elsewhere or Escape closes it, so it never sits over the rows.
  useEffect(() => {
    const close = (e: Event) => {
      const el = ref.current
      if (!el?.open) return
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !el.contains(e.target as Node))
        el.open = false
    }
    document.addEventListener('mousedown', close, true)
    document.addEventListener('keydown', close, true)
    return () => {
      document.removeEventListener('mousedown', close, true)
      document.removeEventListener('keydown', close, true)
    }
  }, [])
  return (
    <details className="column-chooser" ref={ref}>
      <summary>Columns</summary>
      <fieldset>
        <legend className="visually-hidden">Columns shown</legend>
        {socketColumns.map((c) => {
          const on = !hidden.has(c.id)
          return (
            <label key={c.id} className="checkbox">
              <input
                type="checkbox"
                checked={on}
                // The last column shown stays: an empty table would say nothing.
                disabled={on && left === 1}
                onChange={() => toggleColumn(c.id)}
              />
              {c.header}
            </label>
          )
        })}
      </fieldset>
    </details>
  )
}
