import { flexRender, type Table } from '@tanstack/react-table'
import type { SocketEntry } from '../../../../shared/sockets'
import { columnClass, type SocketColumnId } from './socket-columns'

const ariaSort = { asc: 'ascending', desc: 'descending' } as const
const arrow = { asc: '▲', desc: '▼' } as const

/**
 * Sortable column headers: a button per column (click cycles ascending, descending, off) and
 * aria-sort on the sorted one, so the order is announced as well as drawn.
 */
export function SocketsHeader({ table }: { table: Table<SocketEntry> }) {
  return (
    <thead>
      {table.getHeaderGroups().map((group) => (
        <tr key={group.id} aria-rowindex={1}>
          {group.headers.map((header) => {
            const sorted = header.column.getIsSorted()
            return (
              <th
                key={header.id}
                scope="col"
                className={columnClass[header.column.id as SocketColumnId]}
                aria-sort={sorted ? ariaSort[sorted] : undefined}
              >
                <button
                  type="button"
                  className="sort-button"
                  onClick={header.column.getToggleSortingHandler()}
                >
                  {flexRender(header.column.columnDef.header, header.getContext())}
                  <span className="sort-arrow" aria-hidden="true">
                    {sorted ? arrow[sorted] : ''}
                  </span>
                </button>
              </th>
            )
          })}
        </tr>
      ))}
    </thead>
  )
}
