interface Props {
  query: string
  onQuery(query: string): void
  /** 'tcp', 'udp', or '' for both. */
  protocol: string
  onProtocol(protocol: string): void
  shown: number
  total: number
  /** Called after the filter changes, so the list can go back to its top. */
  onFilterChange(): void
}

const count = new Intl.NumberFormat()

/** Heading, filter box, protocol filter and row count above "Ports in use". */
export function SocketsToolbar(props: Props) {
  const { query, onQuery, protocol, onProtocol, shown, total, onFilterChange } = props
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
        value={query}
        onChange={(e) => {
          onQuery(e.target.value)
          onFilterChange()
        }}
      />
      <label className="inline-field">
        Protocol
        <select
          value={protocol}
          onChange={(e) => {
            onProtocol(e.target.value)
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
