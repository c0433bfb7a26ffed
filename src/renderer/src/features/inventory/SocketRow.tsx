import { flexRender, type Row } from '@tanstack/react-table'
import type { SocketEntry } from '../../../../shared/sockets'
import { flashClass, GHOST_CLASS } from '../../components/flash-class'
import type { RowFlash } from '../../stores/row-flash'
import { selectRow } from '../../stores/ui-store'
import { columnClass, type SocketColumnId } from './socket-columns'

interface Props {
  row: Row<SocketEntry>
  /** 1-based, counting the header row, as aria-rowindex wants. */
  rowIndex: number
  /** A socket that went away, fading out: inert and hidden from screen readers. */
  ghost: boolean
  selected: boolean
  flash?: RowFlash
}

/** One socket in "Ports in use": flashes when it is new or changed, selectable by click. */
export function SocketRow({ row, rowIndex, ghost, selected, flash }: Props) {
  const className = ghost
    ? GHOST_CLASS
    : [flashClass(flash), selected ? 'is-selected' : ''].join(' ').trim()
  return (
    <tr
      data-key={row.id}
      aria-rowindex={rowIndex}
      aria-hidden={ghost || undefined}
      aria-current={selected || undefined}
      className={className || undefined}
      onClick={ghost ? undefined : () => selectRow('socket', row.id)}
    >
      {row.getVisibleCells().map((cell) => {
        const value = cell.getValue()
        return (
          <td
            key={cell.id}
            className={columnClass[cell.column.id as SocketColumnId]}
            // Cells cut long text with an ellipsis; the tooltip shows all of it.
            title={typeof value === 'string' && value ? value : undefined}
          >
            {flexRender(cell.column.columnDef.cell, cell.getContext())}
          </td>
        )
      })}
    </tr>
  )
}
