import { useCallback, useMemo, useRef, useState } from 'react'
import { socketKey } from '../../../../shared/socket-key'
import type { SocketEntry } from '../../../../shared/sockets'
import { ErrorNote } from '../../components/ErrorNote'
import { useInventoryStore } from '../../stores/inventory-store'
import { useActionsStore } from '../actions/actions-store'
import { SocketActionsBar } from '../actions/SocketActionsBar'
import { usePausedView } from '../actions/use-paused-view'
import { useVisibleColumns } from '../actions/ColumnChooser'
import { OwnBlocksStrip } from '../actions/OwnBlocksStrip'
import { useOwnBlocks } from '../actions/use-own-blocks'
import { useFilterHighlight } from '../actions/use-filter-highlight'
import { useGroupedRows } from '../actions/use-grouped-rows'
import { useRowActions } from '../actions/use-row-actions'
import { SocketRow } from './SocketRow'
import { nextSort, SocketsHeader, type SocketSort } from './SocketsHeader'
import { SocketsToolbar } from './SocketsToolbar'
import { useRowWindow } from './use-row-window'
import { useSocketRows } from './use-socket-rows'
import { useSocketSelection } from './use-socket-selection'
import './sockets-table.css'

/** Must match `.sockets-table tr` height in sockets-table.css: the window places rows by it. */
const ROW_HEIGHT = 26
const keys = new WeakMap<SocketEntry, string>()
/** socketKey, once per entry (entries are replaced, never mutated). */
function keyOf(s: SocketEntry): string {
  let key = keys.get(s)
  if (key === undefined) keys.set(s, (key = socketKey(s)))
  return key
}
const NO_GHOSTS: ReturnType<typeof useInventoryStore.getState>['ghosts'] = []

/**
 * "Ports in use": every TCP and UDP socket, live. socket-rows.ts filters and sorts all
 * sockets (updated from the store's change log, so a push that changes one socket moves one
 * row), and only the rows in view (plus a few) are rendered, from the padding-top of a body as
 * tall as all rows (use-row-window.ts). Rows are memoized on their socket. Rows a push touched
 * flash (SocketRow) and removed ones fade where they were, with no re-mount, so the filter,
 * sort, scroll position and selection all stay as the user left them.
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
  const [sort, setSort] = useState<SocketSort>({ id: 'localPort', desc: false })
  const [globalFilter, setGlobalFilter] = useState('')
  const [protocol, setProtocol] = useState('')
  // Removed sockets stay a moment, fading where they were sorted, filtered like the rest.
  const ghostRows = useMemo(() => new Set(ghosts.map((g) => g.row)), [ghosts])
  const own = useOwnBlocks(useSocketRows(sockets, change, ghosts, globalFilter, protocol, sort))
  const grouped = useGroupedRows(own.rows)
  const rows = grouped.rows
  const shown = ghosts.length ? rows.filter((r) => !ghostRows.has(r)).length : rows.length

  const scrollRef = useRef<HTMLDivElement>(null)
  // A few rows either side keep wheel scrolling filled (rows render in the scroll event);
  // more would only add rows to lay out on every frame of a long scrollbar drag.
  const virtualizer = useRowWindow(rows.length, ROW_HEIGHT, scrollRef, 6)
  const items = virtualizer.getVirtualItems()

  const clearFilters = useCallback(() => {
    setGlobalFilter('')
    setProtocol('')
  }, [])
  const selection = useSocketSelection({
    rows,
    virtualizer,
    scrollRef,
    filtered: Boolean(globalFilter) || Boolean(protocol),
    clearFilters,
  })
  const actions = useRowActions(rows)
  useFilterHighlight(globalFilter, scrollRef)
  const columns = useVisibleColumns()

  return (
    <section className="inventory-panel fills-panel" aria-labelledby="sockets-heading">
      <SocketsToolbar
        query={globalFilter}
        onQuery={setGlobalFilter}
        protocol={protocol}
        onProtocol={setProtocol}
        shown={shown}
        total={sockets.length}
        onFilterChange={() => scrollRef.current?.scrollTo({ top: 0 })}
      />
      <SocketActionsBar row={actions.current()} chosen={actions.chosen} paused={paused} />
      {own.folded.length > 0 && <OwnBlocksStrip folded={own.folded} />}
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
          <SocketsHeader
            sort={sort}
            onSort={(id) => setSort((s) => nextSort(s, id))}
            columns={columns}
          />
          <tbody
            role="rowgroup"
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
                  columns={columns}
                  groupStart={grouped.groupStarts.has(socket)}
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
