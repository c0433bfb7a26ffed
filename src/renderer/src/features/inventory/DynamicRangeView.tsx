import { useInventoryStore } from '../../stores/inventory-store'
import { PortSpaceBar } from './PortSpaceBar'
import { RangesError, useRangesUnknown } from './RangesError'
import './ranges.css'

const count = new Intl.NumberFormat()

/** The dynamic (ephemeral) range(s): where bind(0) and outgoing connections take ports. */
export function DynamicRangeView() {
  const dynamic = useInventoryStore((s) => s.dynamicRanges)
  const reserved = useInventoryStore((s) => s.reservedRanges)
  const loaded = useInventoryStore((s) => s.loaded)
  const unknown = useRangesUnknown()
  return (
    <section className="inventory-panel" aria-labelledby="dynamic-heading">
      <h2 id="dynamic-heading">Dynamic range</h2>
      <p className="panel-note">
        Outgoing connections and bind(0) take ports from here, so a server on one of these ports may
        find it taken. Reserved ranges inside it are skipped.
      </p>
      {!loaded && <p className="empty">Loading…</p>}
      <RangesError />
      {loaded && !unknown && dynamic.length === 0 && (
        <p className="empty">No dynamic range reported.</p>
      )}
      <dl className="range-list">
        {dynamic.map((d) => (
          <div key={`${d.origin} ${d.protocols.join()}`} className="range-item">
            <dt>{d.protocols.map((p) => p.toUpperCase()).join(', ')}</dt>
            <dd>
              <span className="mono range-span">
                {d.startPort}–{d.endPort}
              </span>{' '}
              <span className="muted">
                ({count.format(d.endPort - d.startPort + 1)} ports) from <code>{d.origin}</code>
              </span>
            </dd>
          </div>
        ))}
      </dl>
      {loaded && dynamic.length > 0 && <PortSpaceBar dynamic={dynamic} reserved={reserved} />}
      {loaded && dynamic.length > 0 && (
        <p className="legend" aria-hidden="true">
          <span className="swatch swatch-dynamic" /> dynamic{' '}
          <span className="swatch swatch-reserved" /> reserved
        </p>
      )}
    </section>
  )
}
