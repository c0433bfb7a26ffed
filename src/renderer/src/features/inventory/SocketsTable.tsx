import {
  getCoreRowModel,
  useReactTable,
  type ColumnFiltersState,
  type SortingState,
} from '@tanstack/react-table'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useCallback, useMemo, useRef, useState } from 'react'
import { socketKey } from '../../../../shared/inventory'
import type { SocketEntry } from '../../../../shared/sockets'
import { ErrorNote } from '../../components/ErrorNote'
import { useInventoryStore } from '../../stores/inventory-store'
import { useActionsStore } from '../actions/actions-store'
import { SocketActionsBar } from '../actions/SocketActionsBar'
import { usePausedView } from '../actions/use-paused-view'
import { useRowActions } from '../actions/use-row-actions'
import { socketColumns, type SocketColumnId } from './socket-columns'
import { SocketRow } from './SocketRow'
import { SocketsHeader } from './SocketsHeader'
import { SocketsToolbar } from './SocketsToolbar'
import { useSocketRows } from './use-socket-rows'
import { useSocketSelection } from './use-socket-selection'
import './sockets-table.css'

/** Must match `.sockets-table tr` height in sockets-table.css: the virtualizer places rows by it. */
const ROW_HEIGHT = 26
const getRowId = (s: SocketEntry) => socketKey(s)
/** TanStack Table draws only the headers: rows come from useSocketRows and the virtualizer. */
const NO_ROWS: SocketEntry[] = []
const keys = new WeakMap<SocketEntry, string>()
/** socketKey, once per entry (entries are replaced, never mutated). */
function keyOf(s: SocketEntry): string {
  let key = keys.get(s)
  if (key === undefined) keys.set(s, (key = socketKey(s)))
  return key
}
const NO_GHOSTS: ReturnType<typeof useInventoryStore.getState>['ghosts'] = []

/**
 * "Ports in use": every TCP and UDP socket, live. TanStack Table owns the sort and filter
 * state and renders headers and cells, in manual mode: socket-rows.ts filters and sorts all
 * sockets, and the table is handed only the rows in view (plus a few), which TanStack Virtual
 * picks, from the padding-top of a body as tall as all rows. Rows are memoized and the
 * row list is updated from the store's change log, so a push that changes one socket renders
 * one row. Rows a push touched flash (SocketRow) and removed ones fade where they were, with
 * no re-mount, so the filter, sort, scroll position and selection all stay as the user left
 * them.
 */
export function SocketsTable() {
  const paused = useActionsStore((s) => s.paused)
  const sockets = usePausedView(
    useInventoryStore((s) => s.sockets),
    paused,
  )
  const change = useInventoryStore((s) => s.change)
  const loaded = useInventoryStore((s) => s.loaded)
  const loadError = useInventoryStore((s) => s.loadError)
  const flashes = useInventoryStore((s) => s.flashes)
  const liveGhosts = useInventoryStore((s) => s.ghosts)
  // Paused, the frozen rows still hold the removed sockets: no ghosts beside them.
  const ghosts = paused ? NO_GHOSTS : liveGhosts
  const [sorting, setSorting] = useState<SortingState>([{ id: 'localPort', desc: false }])
  const [globalFilter, setGlobalFilter] = useState('')
  const [columnFilters, setColumnFilters] = useState<ColumnFiltersState>([])

  const protocol = (columnFilters.find((f) => f.id === 'protocol')?.value as string) ?? ''
  const sort = sorting[0] && { id: sorting[0].id as SocketColumnId, desc: sorting[0].desc }
  // Removed sockets stay a moment, fading where they were sorted, filtered like the rest.
  const ghostRows = useMemo(() => new Set(ghosts.map((g) => g.row)), [ghosts])
  const rows = useSocketRows(sockets, change, ghosts, globalFilter, protocol, sort)
  const shown = ghosts.length ? rows.filter((r) => !ghostRows.has(r)).length : rows.length

  const scrollRef = useRef<HTMLDivElement>(null)
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    // A few rows either side keep wheel scrolling filled (rows render in the scroll event);
    // more would only add rows to lay out on every frame of a long scrollbar drag.
    overscan: 6,
  })
  const items = virtualizer.getVirtualItems()

  const clearFilters = useCallback(() => {
    setGlobalFilter('')
    setColumnFilters([])
  }, [])
  const selection = useSocketSelection({
    rows,
    virtualizer,
    scrollRef,
    filtered: Boolean(globalFilter) || columnFilters.length > 0,
    clearFilters,
  })
  const actions = useRowActions(rows)

  const table = useReactTable({
    data: NO_ROWS,
    columns: socketColumns,
    state: { sorting, globalFilter, columnFilters },
    onSortingChange: setSorting,
    onGlobalFilterChange: setGlobalFilter,
    onColumnFiltersChange: setColumnFilters,
    manualSorting: true,
    manualFiltering: true,
    enableMultiSort: false,
    sortDescFirst: false,
    getRowId,
    getCoreRowModel: getCoreRowModel(),
  })

  return (
    <section className="inventory-panel fills-panel" aria-labelledby="sockets-heading">
      <SocketsToolbar
        table={table}
        shown={shown}
        total={sockets.length}
        onFilterChange={() => scrollRef.current?.scrollTo({ top: 0 })}
      />
      <SocketActionsBar row={actions.current()} chosen={actions.chosen} paused={paused} />
      <ErrorNote error={loadError} />
      <div
        className="table-scroll"
        ref={scrollRef}
        // Focusable so keyboard users can scroll it (arrows move the selected row); a named
        // region so they know what it is.
        role="region"
        tabIndex={0}
        aria-label="Ports in use, scrollable"
        aria-keyshortcuts="ArrowUp ArrowDown Home End"
        onKeyDown={(e) => actions.onKeyDown(e) || selection.onKeyDown(e)}
      >
        <table
          role="table"
          className="data-table sockets-table"
          aria-label="Ports in use"
          aria-rowcount={rows.length + 1}
        >
          <SocketsHeader table={table} />
          <tbody
            // As tall as all rows; the rows in view start at its padding (see the CSS).
            style={{ height: virtualizer.getTotalSize(), paddingTop: items[0]?.start ?? 0 }}
            onClick={actions.onClick}
            onContextMenu={actions.onContextMenu}
            onDoubleClick={actions.onDoubleClick}
          >
            {items.map((item) => {
              const socket = rows[item.index]!
              const key = keyOf(socket)
              const ghost = ghostRows.has(socket)
              return (
                <SocketRow
                  key={key}
                  socket={socket}
                  rowKey={key}
                  rowIndex={item.index + 2}
                  ghost={ghost}
                  selected={!ghost && (key === selection.selected || actions.picked.has(key))}
                  flash={flashes.get(key)}
                />
              )
            })}
          </tbody>
        </table>
        {loaded && rows.length === 0 && (
          <p className="empty table-empty">
            {sockets.length === 0 ? 'No sockets.' : 'No socket matches the filter.'}
          </p>
        )}
        {!loaded && !loadError && <p className="empty table-empty">Reading sockets…</p>}
      </div>
    </section>
  )
}
