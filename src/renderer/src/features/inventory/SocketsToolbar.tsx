import type { Table } from '@tanstack/react-table'
import type { SocketEntry } from '../../../../shared/sockets'

interface Props {
  table: Table<SocketEntry>
  shown: number
  total: number
  /** Called after the filter changes, so the list can go back to its top. */
  onFilterChange(): void
}

const count = new Intl.NumberFormat()

/** Heading, filter box, protocol filter and row count above "Ports in use". */
export function SocketsToolbar({ table, shown, total, onFilterChange }: Props) {
  const protocol = (table.getColumn('protocol')?.getFilterValue() as string | undefined) ?? ''
  return (
    <div className="table-toolbar">
      <h2 id="sockets-heading">
        Ports in use <span className="count">{count.format(total)}</span>
      </h2>
      <input
        type="search"
        className="filter-box"
        aria-label="Filter sockets"
        aria-keyshortcuts="Control+F"
        // Ctrl+F looks for this attribute in the visible tab (features/shortcuts).
        data-tab-filter=""
        placeholder="Filter: port, process, pid, address or state"
        value={(table.getState().globalFilter as string | undefined) ?? ''}
        onChange={(e) => {
          table.setGlobalFilter(e.target.value)
          onFilterChange()
        }}
      />
      <label className="inline-field">
        Protocol
        <select
          value={protocol}
          onChange={(e) => {
            table.getColumn('protocol')?.setFilterValue(e.target.value || undefined)
            onFilterChange()
          }}
        >
          <option value="">All</option>
          <option value="tcp">TCP</option>
          <option value="udp">UDP</option>
        </select>
      </label>
      <span className="row-count" data-testid="sockets-row-count">
        {shown === total
          ? `${count.format(total)} sockets`
          : `${count.format(shown)} of ${count.format(total)} sockets`}
      </span>
    </div>
  )
}
