import { useEffect, useRef } from 'react'
import type { ReservedRange } from '../../../../shared/inventory'
import { useAppInfoStore } from '../../stores/app-info-store'
import { useInventoryStore } from '../../stores/inventory-store'
import { revealDone, selectRow, useUiStore } from '../../stores/ui-store'
import { rangeKey, rangeText } from './range-key'
import { RangesError, useRangesUnknown } from './RangesError'
import './ranges.css'

const count = new Intl.NumberFormat()
const size = (r: ReservedRange) => r.endPort - r.startPort + 1
const protocols = (r: ReservedRange) => r.protocols.map((p) => p.toUpperCase()).join(', ')

/** What an empty list means, which differs by OS: Linux reserves for bind(0) only. */
function emptyText(platform: string | undefined): string {
  return platform === 'win32'
    ? 'No excluded port ranges: every port can be bound.'
    : 'No ports in net.ipv4.ip_local_reserved_ports: bind(0) and outgoing connections may take any port of the dynamic range.'
}

interface Props {
  /** Asks to delete an administered range; absent where ranges cannot be changed. */
  onDelete?(range: ReservedRange): void
  /** Why Delete is disabled (not elevated): the id of the element that says so. */
  deleteDisabledBy?: string
}

/** Reserved (Linux) or excluded (Windows) ranges, live; a row the map picked is selected. */
export function ReservedRangesTable({ onDelete, deleteDisabledBy }: Props) {
  const ranges = useInventoryStore((s) => s.reservedRanges)
  const loaded = useInventoryStore((s) => s.loaded)
  const platform = useAppInfoStore((s) => s.info?.platform)
  const selected = useUiStore((s) => s.selection.reserved)
  const reveal = useUiStore((s) => s.reveal)
  const rowEls = useRef(new Map<string, HTMLTableRowElement>())
  const unknown = useRangesUnknown()

  useEffect(() => {
    if (reveal?.table !== 'reserved') return
    const el = rowEls.current.get(reveal.key)
    el?.scrollIntoView({ block: 'nearest' })
    el?.focus()
    revealDone()
  }, [reveal, ranges])

  return (
    <section className="inventory-panel" aria-labelledby="reserved-heading">
      <h2 id="reserved-heading">
        Reserved ranges <span className="count">{ranges.length}</span>
      </h2>
      <p className="panel-note">
        {platform === 'win32'
          ? 'Ports in an excluded range refuse every bind (access forbidden).'
          : 'The kernel keeps automatic assignment (bind to port 0, outgoing connections) away from these ports; an explicit bind still works.'}
      </p>
      <RangesError />
      {/* An empty table would only repeat the headings: the empty note says what it means. */}
      <table
        className="data-table compact"
        aria-label="Reserved ranges"
        hidden={ranges.length === 0}
      >
        <thead>
          <tr>
            <th scope="col">Ports</th>
            <th scope="col" className="num">
              Size
            </th>
            <th scope="col">Protocols</th>
            <th scope="col">Set by</th>
            <th scope="col">Origin</th>
            {onDelete && (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {ranges.map((r) => {
            const key = rangeKey(r)
            return (
              <tr
                key={key}
                ref={(el) => {
                  if (el) rowEls.current.set(key, el)
                  else rowEls.current.delete(key)
                }}
                tabIndex={-1}
                className={key === selected ? 'is-selected' : undefined}
                aria-current={key === selected || undefined}
                onClick={() => selectRow('reserved', key)}
              >
                <td className="mono">{rangeText(r)}</td>
                <td className="num">{count.format(size(r))}</td>
                <td>{protocols(r)}</td>
                <td>
                  <span className={r.administered ? 'tag' : 'tag tag-system'}>
                    {r.administered ? 'administrator' : 'system'}
                  </span>
                </td>
                <td className="mono muted">{r.origin}</td>
                {onDelete && (
                  <td className="actions">
                    {r.administered && (
                      <button
                        type="button"
                        disabled={Boolean(deleteDisabledBy)}
                        aria-describedby={deleteDisabledBy}
                        aria-label={`Delete reserved range ${rangeText(r)}`}
                        onClick={() => onDelete(r)}
                      >
                        Delete
                      </button>
                    )}
                  </td>
                )}
              </tr>
            )
          })}
        </tbody>
      </table>
      {loaded && !unknown && ranges.length === 0 && <p className="empty">{emptyText(platform)}</p>}
      {!loaded && <p className="empty">Loading…</p>}
    </section>
  )
}
