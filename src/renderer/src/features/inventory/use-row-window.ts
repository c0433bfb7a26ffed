import { useCallback, useEffect, useMemo, useState, type RefObject } from 'react'

export interface WindowItem {
  index: number
  /** Offset of the row from the top of the body, in px. */
  start: number
}

/** The rows to render for a scrolled list, and how to bring one into view. */
export interface RowWindow {
  getVirtualItems(): WindowItem[]
  getTotalSize(): number
  scrollToIndex(index: number, options: { align: 'center' | 'auto' }): void
}

/**
 * A virtual window over `count` rows of `rowHeight` px in the scrolling element: which rows
 * are in view (plus `overscan` either side), re-rendered only when that range changes, not on
 * every scrolled pixel. Fixed heights make it arithmetic — a few dozen lines instead of a
 * general virtualizer's 30 kB in a page that must stay under 350 kB. A sticky header inside
 * the scroller (its <thead>) is allowed for when scrolling a row into view.
 */
export function useRowWindow(
  count: number,
  rowHeight: number,
  scrollRef: RefObject<HTMLElement | null>,
  overscan: number,
): RowWindow {
  const [view, setView] = useState({ first: 0, last: 0 })
  useEffect(() => {
    const el = scrollRef.current
    if (!el) return
    const update = () => {
      const first = Math.floor(el.scrollTop / rowHeight)
      const last = Math.ceil((el.scrollTop + el.clientHeight) / rowHeight)
      setView((v) => (v.first === first && v.last === last ? v : { first, last }))
    }
    update()
    el.addEventListener('scroll', update, { passive: true })
    const resized = new ResizeObserver(update)
    resized.observe(el)
    return () => {
      el.removeEventListener('scroll', update)
      resized.disconnect()
    }
  }, [scrollRef, rowHeight])

  const items = useMemo(() => {
    const from = Math.max(0, view.first - overscan)
    const to = Math.min(count, view.last + overscan)
    const out: WindowItem[] = []
    for (let i = from; i < to; i++) out.push({ index: i, start: i * rowHeight })
    return out
  }, [view, count, overscan, rowHeight])

  const scrollToIndex = useCallback(
    (index: number, { align }: { align: 'center' | 'auto' }) => {
      const el = scrollRef.current
      if (!el) return
      const header = el.querySelector('thead')?.offsetHeight ?? 0
      const top = index * rowHeight // the row's offset below the header
      const visible = el.clientHeight - header
      let next = el.scrollTop
      if (align === 'center') next = top - (visible - rowHeight) / 2
      else if (top < el.scrollTop) next = top
      else if (top + rowHeight > el.scrollTop + visible) next = top + rowHeight - visible
      el.scrollTop = Math.max(0, next)
    },
    [scrollRef, rowHeight],
  )

  return useMemo(
    () => ({
      getVirtualItems: () => items,
      getTotalSize: () => count * rowHeight,
      scrollToIndex,
    }),
    [items, count, rowHeight, scrollToIndex],
  )
}
