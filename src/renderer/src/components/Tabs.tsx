import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import './tabs.css'

export interface TabSpec<Id extends string = string> {
  id: Id
  label: string
  render(): ReactNode
}

interface Props<Id extends string> {
  label: string
  tabs: readonly TabSpec<Id>[]
  /** The selected tab: controlled by the caller, so other parts of the page can switch tabs. */
  selected: Id
  onSelect(id: Id): void
}

/**
 * ARIA tabs with automatic activation: Left/Right move between tabs (wrapping), Home/End jump,
 * and only the selected tab is in the Tab order. A panel is mounted on its first visit and then
 * kept (hidden), so a filter, a sort or a port check survives switching away and back.
 */
export function Tabs<Id extends string>({ label, tabs, selected, onSelect }: Props<Id>) {
  const [visited, setVisited] = useState<ReadonlySet<string>>(() => new Set([selected]))
  const buttons = useRef(new Map<string, HTMLButtonElement>())
  const base = useId()
  // A tab selected from outside (the map revealing a row) is visited too: adjusted during
  // render, as React advises for state derived from props, so its panel mounts at once.
  if (!visited.has(selected)) setVisited(new Set(visited).add(selected))

  const select = (id: Id, focus: boolean) => {
    onSelect(id)
    if (focus) buttons.current.get(id)?.focus()
  }
  const onKeyDown = (e: KeyboardEvent) => {
    const i = tabs.findIndex((t) => t.id === selected)
    const target = {
      ArrowRight: tabs[(i + 1) % tabs.length],
      ArrowLeft: tabs[(i - 1 + tabs.length) % tabs.length],
      Home: tabs[0],
      End: tabs.at(-1),
    }[e.key]
    if (!target) return
    e.preventDefault()
    select(target.id, true)
  }

  return (
    <div className="tabs">
      <div role="tablist" aria-label={label} className="tablist" onKeyDown={onKeyDown}>
        {tabs.map((t) => (
          <button
            key={t.id}
            ref={(el) => {
              if (el) buttons.current.set(t.id, el)
              else buttons.current.delete(t.id)
            }}
            type="button"
            role="tab"
            id={`${base}-tab-${t.id}`}
            aria-selected={t.id === selected}
            aria-controls={`${base}-panel-${t.id}`}
            tabIndex={t.id === selected ? 0 : -1}
            onClick={() => select(t.id, false)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {tabs.map((t) => (
        <div
          key={t.id}
          role="tabpanel"
          id={`${base}-panel-${t.id}`}
          aria-labelledby={`${base}-tab-${t.id}`}
          className="tabpanel"
          hidden={t.id !== selected}
        >
          {visited.has(t.id) && t.render()}
        </div>
      ))}
    </div>
  )
}
