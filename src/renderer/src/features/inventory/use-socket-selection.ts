import { useEffect, type KeyboardEvent, type RefObject } from 'react'
import { socketKey } from '../../../../shared/socket-key'
import type { SocketEntry } from '../../../../shared/sockets'
import { revealDone, selectRow, useUiStore } from '../../stores/ui-store'
import type { RowWindow } from './use-row-window'

interface Options {
  rows: readonly SocketEntry[]
  virtualizer: RowWindow
  scrollRef: RefObject<HTMLDivElement | null>
  /** True while a filter hides rows: a revealed row that is hidden clears it first. */
  filtered: boolean
  clearFilters(): void
}

const moves: Record<string, (i: number, last: number) => number> = {
  ArrowDown: (i, last) => Math.min(i + 1, last),
  ArrowUp: (i) => Math.max(i - 1, 0),
  Home: () => 0,
  End: (_, last) => last,
}

/**
 * The selected socket row: arrows move it (the virtualized list scrolls to keep it in view),
 * and a row revealed from the map is scrolled to, centred, with focus on the list.
 */
export function useSocketSelection(o: Options) {
  const selected = useUiStore((s) => s.selection.socket)
  const reveal = useUiStore((s) => s.reveal)
  const { rows, virtualizer, scrollRef, filtered, clearFilters } = o

  useEffect(() => {
    if (reveal?.table !== 'socket') return
    const i = rows.findIndex((r) => socketKey(r) === reveal.key)
    if (i < 0 && filtered) {
      clearFilters() // the rows come back without the filter, and this runs again
      return
    }
    if (i >= 0) {
      virtualizer.scrollToIndex(i, { align: 'center' })
      scrollRef.current?.focus({ preventScroll: true })
    }
    revealDone()
  }, [reveal, rows, filtered, clearFilters, virtualizer, scrollRef])

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const move = moves[e.key]
    if (!move || e.target !== e.currentTarget || e.altKey || e.ctrlKey || e.metaKey) return
    if (rows.length === 0) return
    e.preventDefault()
    const current = selected === undefined ? -1 : rows.findIndex((r) => socketKey(r) === selected)
    const first = virtualizer.getVirtualItems()[0]?.index ?? 0
    const next = current < 0 ? first : move(current, rows.length - 1)
    selectRow('socket', socketKey(rows[next]!))
    virtualizer.scrollToIndex(next, { align: 'auto' })
  }

  return { selected, onKeyDown }
}
