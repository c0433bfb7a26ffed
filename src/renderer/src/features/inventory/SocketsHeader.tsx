import { columnClass, socketColumnIds, socketColumns, type SocketColumnId } from './socket-columns'

export type SocketSort = { id: SocketColumnId; desc: boolean } | undefined

/** Ascending, then descending, then unsorted: what a click on a column header does. */
export function nextSort(sort: SocketSort, id: SocketColumnId): SocketSort {
  if (sort?.id !== id) return { id, desc: false }
  return sort.desc ? undefined : { id, desc: true }
}

const arrow = (desc: boolean) => (desc ? '▼' : '▲')

/**
 * Sortable column headers: a button per column (click cycles ascending, descending, off) and
 * aria-sort on the sorted one, so the order is announced as well as drawn.
 */
export function SocketsHeader({
  sort,
  onSort,
  columns = socketColumnIds,
}: {
  sort: SocketSort
  onSort(id: SocketColumnId): void
  /** The columns shown, in order (all by default). */
  columns?: readonly SocketColumnId[]
}) {
  return (
    // Explicit roles: grid and flex layout drop the implicit table roles in Chromium.
    <thead role="rowgroup">
      <tr role="row" aria-rowindex={1}>
        {socketColumns
          .filter((c) => columns.includes(c.id))
          .map(({ id, header }) => {
            const sorted = sort?.id === id ? sort : undefined
            return (
              <th
                key={id}
                role="columnheader"
                scope="col"
                className={columnClass[id]}
                aria-sort={sorted ? (sorted.desc ? 'descending' : 'ascending') : undefined}
              >
                <button type="button" className="sort-button" onClick={() => onSort(id)}>
                  {header}
                  <span className="sort-arrow" aria-hidden="true">
                    {sorted ? arrow(sorted.desc) : ''}
                  </span>
                </button>
              </th>
            )
          })}
      </tr>
    </thead>
  )
}
