import { useWatchStore } from '../../stores/watch-store'
import { showTab } from '../../stores/ui-store'
import { showWhy } from '../actions/actions-store'
import { mainReason } from '../actions/verdict-actions'

/** The watched ports with their state now, each one click from "why". */
export function WatchedSummary() {
  const statuses = useWatchStore((s) => s.statuses)
  return (
    <section className="overview-card" aria-labelledby="watched-heading">
      <h2 id="watched-heading">
        Watched ports <span className="count">{statuses.length}</span>
      </h2>
      {statuses.length === 0 ? (
        <p className="muted">
          None.{' '}
          <button type="button" className="link-button" onClick={() => showTab('watch')}>
            Watch a port…
          </button>
        </p>
      ) : (
        <ul className="watched-list" aria-label="Watched ports">
          {statuses.map(({ watched: w, verdict: v }) => (
            <li key={`${w.protocol}:${w.port}`}>
              <span className={v.bindable ? 'verdict-word ok' : 'verdict-word blocked'}>
                {v.bindable ? 'Bindable' : 'Not bindable'}
              </span>
              <span className="mono">
                {w.protocol.toUpperCase()} {w.port}
              </span>
              {w.label && <span>{w.label}</span>}
              <span className="muted cause">{v.bindable ? '' : mainReason(v).message}</span>
              <button
                type="button"
                className="secondary small"
                aria-label={`Why? ${w.protocol.toUpperCase()} ${w.port}`}
                onClick={() => showWhy(w.protocol, w.port)}
              >
                Why?
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
