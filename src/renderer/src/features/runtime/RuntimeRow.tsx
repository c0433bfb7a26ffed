import { memo, type KeyboardEvent, type ReactNode } from 'react'
import type { RuntimeReservation } from '../../../../shared/model'
import { formatSpan } from '../../../../shared/ranges'
import { flashClass, GHOST_CLASS } from '../../components/flash-class'
import type { RowFlash } from '../../stores/row-flash'
import { LabelField } from './LabelField'

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'medium' })

/**
 * What a row can ask its table to do, by token. One object for every row, stable across
 * renders, so a push that adds one row does not re-render the others (see RuntimeTable).
 */
export interface RuntimeRowActions {
  select(token: string): void
  open(token: string): void
  release(token: string): void
  keyDown(token: string, e: KeyboardEvent<HTMLTableRowElement>): void
  /** The row's element as it mounts (null as it unmounts), for focus and scrolling. */
  rowRef(token: string, el: HTMLTableRowElement | null): void
}

interface Props {
  r: RuntimeReservation
  /** A released row fading out: inert, and no longer carrying data-token. */
  ghost?: boolean
  flash?: RowFlash
  selected?: boolean
  /** The table's one tab stop (roving tabindex). */
  tabStop?: boolean
  releasing?: boolean
  actions?: RuntimeRowActions
}

/**
 * One runtime reservation; focusable, so Enter opens its details and Delete releases it.
 * Memoized: it renders again only when its reservation, flash, selection or state changes.
 */
export const RuntimeRow = memo(function RuntimeRow(props: Props) {
  const { r, ghost, flash, selected, tabStop, releasing, actions } = props
  const name = `${r.protocol.toUpperCase()} ${formatSpan(r)}`
  // Ports first: what a block is, is its ports; the token is in the details (Enter).
  const cells = (label: ReactNode) => (
    <>
      <td className="mono">{formatSpan(r)}</td>
      <td>{r.protocol.toUpperCase()}</td>
      <td className="num">{r.count}</td>
      <td className="col-label">{label}</td>
      <td>
        <time dateTime={r.acquiredAt}>{timeFormat.format(new Date(r.acquiredAt))}</time>
      </td>
    </>
  )
  if (ghost) {
    return (
      <tr className={GHOST_CLASS} aria-hidden="true" data-removed-token={r.token}>
        {cells(null)}
        <td className="muted">released</td>
      </tr>
    )
  }
  return (
    <tr
      ref={(el) => actions?.rowRef(r.token, el)}
      data-token={r.token}
      className={[flashClass(flash), selected ? 'is-selected' : ''].join(' ').trim() || undefined}
      aria-current={selected || undefined}
      aria-keyshortcuts="Enter Delete"
      tabIndex={tabStop ? 0 : -1}
      onFocus={() => actions?.select(r.token)}
      onClick={() => actions?.select(r.token)}
      onDoubleClick={() => actions?.open(r.token)}
      onKeyDown={(e) => actions?.keyDown(r.token, e)}
    >
      {cells(<LabelField r={r} tabStop={Boolean(tabStop)} />)}
      <td className="actions">
        <button
          type="button"
          // Only the selected row's button is in the Tab order; Delete on any row does the same.
          tabIndex={tabStop ? 0 : -1}
          disabled={releasing}
          aria-label={`Release ${name}`}
          onClick={() => actions?.release(r.token)}
        >
          {releasing ? 'Releasing…' : 'Release'}
        </button>
      </td>
    </tr>
  )
})
