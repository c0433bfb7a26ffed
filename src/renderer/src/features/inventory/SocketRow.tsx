import { memo } from 'react'
import type { SocketEntry } from '../../../../shared/sockets'
import { flashClass, GHOST_CLASS } from '../../components/flash-class'
import type { RowFlash } from '../../stores/row-flash'
import { selectRow } from '../../stores/ui-store'
import {
  columnClass,
  socketCells,
  socketColumnIds,
  socketValues,
  type SocketColumnId,
} from './socket-columns'

interface Props {
  socket: SocketEntry
  /** The socket's socketKey. */
  rowKey: string
  /** 1-based, counting the header row, as aria-rowindex wants. */
  rowIndex: number
  /** A socket that went away, fading out: inert and hidden from screen readers. */
  ghost: boolean
  selected: boolean
  flash?: RowFlash
  /** The columns shown, in order (a stable array: the row is memoized on it). */
  columns?: readonly SocketColumnId[]
  /** The first row of a process's group (Group by process draws a line above it). */
  groupStart?: boolean
}

/**
 * One socket in "Ports in use": flashes when it is new or changed, selectable by click.
 * Memoized on its socket (entries are replaced, never mutated) and flags: a push that changes
 * one socket, or a scroll by one row, re-renders only the rows whose props changed.
 */
export const SocketRow = memo(function SocketRow(props: Props) {
  const { socket, rowKey, rowIndex, ghost, selected, flash, columns = socketColumnIds } = props
  const className = ghost
    ? GHOST_CLASS
    : [flashClass(flash), selected ? 'is-selected' : '', props.groupStart ? 'group-start' : '']
        .join(' ')
        .trim()
  return (
    <tr
      // Explicit roles: the rows are laid out with flex, and Chromium drops the table
      // semantics of table elements whose display is changed.
      role="row"
      data-key={rowKey}
      aria-rowindex={rowIndex}
      aria-hidden={ghost || undefined}
      aria-current={selected || undefined}
      className={className || undefined}
      onClick={ghost ? undefined : () => selectRow('socket', rowKey)}
    >
      {columns.map((id) => {
        const value = socketValues[id](socket)
        return (
          <td
            key={id}
            role="cell"
            className={columnClass[id]}
            // Cells cut long text with an ellipsis; the tooltip shows all of it.
            title={typeof value === 'string' && value ? value : undefined}
          >
            {socketCells[id](socket)}
          </td>
        )
      })}
    </tr>
  )
})
