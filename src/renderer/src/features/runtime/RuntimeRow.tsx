import type { KeyboardEvent, ReactNode, Ref } from 'react'
import type { RuntimeReservation } from '../../../../shared/model'
import { formatSpan } from '../../../../shared/ranges'
import { flashClass, GHOST_CLASS } from '../../components/flash-class'
import type { RowFlash } from '../../stores/row-flash'
import { LabelField } from './LabelField'

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'medium' })

interface Props {
  r: RuntimeReservation
  /** A released row fading out: inert, and no longer carrying data-token. */
  ghost?: boolean
  flash?: RowFlash
  selected?: boolean
  /** The table's one tab stop (roving tabindex). */
  tabStop?: boolean
  releasing?: boolean
  rowRef?: Ref<HTMLTableRowElement>
  onSelect?(): void
  onOpen?(): void
  onRelease?(): void
  onKeyDown?(e: KeyboardEvent<HTMLTableRowElement>): void
}

/** One runtime reservation; focusable, so Enter opens its details and Delete releases it. */
export function RuntimeRow(props: Props) {
  const { r, ghost, flash, selected, tabStop, releasing, rowRef } = props
  const { onSelect, onOpen, onRelease, onKeyDown } = props
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
      ref={rowRef}
      data-token={r.token}
      className={[flashClass(flash), selected ? 'is-selected' : ''].join(' ').trim() || undefined}
      aria-current={selected || undefined}
      aria-keyshortcuts="Enter Delete"
      tabIndex={tabStop ? 0 : -1}
      onFocus={onSelect}
      onClick={onSelect}
      onDoubleClick={onOpen}
      onKeyDown={onKeyDown}
    >
      {cells(<LabelField r={r} tabStop={Boolean(tabStop)} />)}
      <td className="actions">
        <button
          type="button"
          // Only the selected row's button is in the Tab order; Delete on any row does the same.
          tabIndex={tabStop ? 0 : -1}
          disabled={releasing}
          aria-label={`Release ${name}`}
          onClick={onRelease}
        >
          {releasing ? 'Releasing…' : 'Release'}
        </button>
      </td>
    </tr>
  )
}
