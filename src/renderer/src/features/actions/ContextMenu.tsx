import { useLayoutEffect, useRef, type KeyboardEvent } from 'react'

export interface MenuItem {
  id: string
  label: string
  /** Shown after the label, e.g. "Ctrl+C". */
  shortcut?: string
  danger?: boolean
}

interface Props {
  label: string
  x: number
  y: number
  items: readonly MenuItem[]
  onPick(id: string): void
  onClose(): void
}

const MENU_WIDTH = 260

/**
 * A context menu at (x, y), kept inside the window: role="menu", focus on the first item, arrows,
 * Home/End, Enter or a click to pick, Escape, Tab or a click elsewhere to close.
 */
export function ContextMenu({ label, x, y, items, onPick, onClose }: Props) {
  const ref = useRef<HTMLDivElement>(null)
  useLayoutEffect(() => {
    const el = ref.current
    if (!el) return
    const height = el.offsetHeight
    el.style.left = `${Math.max(4, Math.min(x, window.innerWidth - MENU_WIDTH - 4))}px`
    el.style.top = `${Math.max(4, Math.min(y, window.innerHeight - height - 4))}px`
    el.querySelector<HTMLElement>('[role="menuitem"]')?.focus()
    const away = (e: MouseEvent) => {
      if (!el.contains(e.target as Node)) onClose()
    }
    document.addEventListener('mousedown', away, true)
    return () => document.removeEventListener('mousedown', away, true)
  }, [x, y, onClose])

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const all = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])]
    const i = all.indexOf(document.activeElement as HTMLElement)
    const go = (n: number) => all[(n + all.length) % all.length]?.focus()
    if (e.key === 'ArrowDown') go(i + 1)
    else if (e.key === 'ArrowUp') go(i - 1)
    else if (e.key === 'Home') go(0)
    else if (e.key === 'End') go(all.length - 1)
    else if (e.key === 'Escape' || e.key === 'Tab') onClose()
    else return
    e.preventDefault()
  }

  return (
    <div
      ref={ref}
      role="menu"
      aria-label={label}
      className="context-menu"
      style={{ width: MENU_WIDTH }}
      onKeyDown={onKeyDown}
    >
      {items.map((item) => (
        <button
          key={item.id}
          type="button"
          role="menuitem"
          tabIndex={-1}
          className={item.danger ? 'menu-item danger-text' : 'menu-item'}
          onClick={() => onPick(item.id)}
        >
          <span>{item.label}</span>
          {item.shortcut && <kbd>{item.shortcut}</kbd>}
        </button>
      ))}
    </div>
  )
}
