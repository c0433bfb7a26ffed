import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { ErrorNote } from '../../components/ErrorNote'
import { withGhosts } from '../../stores/row-flash'
import { useRuntimeStore } from '../../stores/runtime-store'
import { revealDone, selectRow, useUiStore } from '../../stores/ui-store'
import { offerUndoRelease } from '../actions/run-action'
import { movedIndex, rowKeyAction } from './row-keys'
import { loadBlockLabels } from './block-labels'
import { RuntimeDetails } from './RuntimeDetails'
import { RuntimeRow, type RuntimeRowActions } from './RuntimeRow'
import './runtime.css'

interface Props {
  /** Where focus goes when the last row is released from the keyboard (the Reserve button). */
  onEmptied(): void
}

/**
 * The runtime reservations this Portwarden holds, live. One tab stop (the selected row);
 * arrows move, Enter shows details, Delete releases and moves focus to a neighbour first, so
 * focus is never dropped on <body> when the row goes.
 */
export function RuntimeTable({ onEmptied }: Props) {
  const s = useRuntimeStore(
    useShallow((s) => ({
      reservations: s.reservations,
      loaded: s.loaded,
      releasing: s.releasing,
      releaseError: s.releaseError,
      release: s.release,
      flashes: s.flashes,
      ghosts: s.ghosts,
    })),
  )
  const { reservations } = s
  const selected = useUiStore((u) => u.selection.runtime)
  const reveal = useUiStore((u) => u.reveal)
  const [details, setDetails] = useState<string>()
  const rowEls = useRef(new Map<string, HTMLTableRowElement>())
  const rows = useMemo(() => withGhosts(reservations, s.ghosts), [reservations, s.ghosts])
  const tabStop = reservations.some((r) => r.token === selected) ? selected : reservations[0]?.token
  const shown = reservations.find((r) => r.token === details)

  const focusRow = (token: string) => {
    selectRow('runtime', token)
    rowEls.current.get(token)?.focus()
  }
  const releaseRow = (token: string) => {
    const i = reservations.findIndex((r) => r.token === token)
    const next = reservations[i + 1] ?? reservations[i - 1]
    if (next) focusRow(next.token)
    else onEmptied()
    if (details === token) setDetails(undefined)
    const r = reservations[i]
    void s.release(token).then(() => {
      if (r && !useRuntimeStore.getState().releaseError) offerUndoRelease(r)
    })
  }
  const onRowKey = (token: string, e: KeyboardEvent<HTMLTableRowElement>) => {
    const action = rowKeyAction(e)
    if (!action) return
    e.preventDefault()
    if (action === 'open') setDetails(details === token ? undefined : token)
    else if (action === 'close') setDetails(undefined)
    else if (action === 'delete') releaseRow(token)
    else {
      const i = reservations.findIndex((r) => r.token === token)
      focusRow(reservations[movedIndex(action, i, reservations.length)]!.token)
    }
  }

  // The rows' actions, one stable object whose methods call this render's handlers: rows are
  // memoized, and new callbacks per render would re-render every row on every push.
  // (Rows only call them from events, after this render's layout effect has run.)
  type Handlers = Pick<RuntimeRowActions, 'release' | 'keyDown'>
  const handlers = useRef<Handlers>(undefined!)
  useLayoutEffect(() => {
    handlers.current = { release: releaseRow, keyDown: onRowKey }
  })
  const actions = useMemo<RuntimeRowActions>(
    () => ({
      select: (token) => selectRow('runtime', token),
      open: (token) => setDetails(token),
      release: (token) => handlers.current.release(token),
      keyDown: (token, e) => handlers.current.keyDown(token, e),
      rowRef(token, el) {
        if (el) rowEls.current.set(token, el)
        else rowEls.current.delete(token)
      },
    }),
    [],
  )

  useEffect(loadBlockLabels, [])

  // The map asked for a row: bring it into view and give it focus.
  useEffect(() => {
    if (reveal?.table !== 'runtime') return
    const el = rowEls.current.get(reveal.key)
    if (!el) return
    el.scrollIntoView({ block: 'nearest' })
    el.focus()
    revealDone()
  }, [reveal, reservations])

  return (
    <section aria-labelledby="runtime-heading" className="runtime-section">
      <h2 id="runtime-heading">
        Runtime reservations <span className="count">{reservations.length}</span>
        <span className="key-hint">↑↓ select · Enter details · Delete release (with Undo)</span>
      </h2>
      <ErrorNote error={s.releaseError} id="release-error" />
      <table className="data-table runtime-table" aria-label="Runtime reservations">
        <thead>
          <tr>
            <th scope="col">Ports</th>
            <th scope="col">Protocol</th>
            <th scope="col" className="num">
              Count
            </th>
            <th scope="col">Label</th>
            <th scope="col">Acquired</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ row: r, ghost }) =>
            ghost ? (
              <RuntimeRow key={`ghost ${r.token}`} r={r} ghost />
            ) : (
              <RuntimeRow
                key={r.token}
                r={r}
                flash={s.flashes.get(r.token)}
                selected={r.token === selected}
                tabStop={r.token === tabStop}
                releasing={Boolean(s.releasing[r.token])}
                actions={actions}
              />
            ),
          )}
        </tbody>
      </table>
      {s.loaded && reservations.length === 0 && (
        <p className="empty">No runtime reservations. Reserve a block to hold its ports.</p>
      )}
      {!s.loaded && <p className="empty">Loading…</p>}
      {shown && (
        <RuntimeDetails
          reservation={shown}
          onRelease={() => releaseRow(shown.token)}
          onClose={() => {
            setDetails(undefined)
            focusRow(shown.token)
          }}
        />
      )}
    </section>
  )
}
