import type { WatchedStatus } from '../../../../shared/watch'
import { ErrorNote } from '../../components/ErrorNote'
import { flashClass } from '../../components/flash-class'
import { describeError } from '../../ipc/client'
import { removeWatched, useWatchStore, watchKey } from '../../stores/watch-store'
import { useState } from 'react'
import { showWhy } from '../actions/actions-store'
import { WatchAddForm } from './WatchAddForm'
import './watch.css'

/** The reason that decides the verdict: the first blocking one, or a caveat, or "free". */
function why(s: WatchedStatus): string {
  const { reasons } = s.verdict
  const blocking = reasons.find((r) => r.blocking)
  return (blocking ?? reasons.find((r) => r.code !== 'free') ?? reasons[0]!).message
}

/**
 * Ports the user depends on, each with its live verdict (watch:changed pushes). Main saves
 * the list and shows a desktop notification when a verdict flips, even with this tab closed.
 */
export function WatchedPortsPanel() {
  const statuses = useWatchStore((s) => s.statuses)
  const loaded = useWatchStore((s) => s.loaded)
  const loadError = useWatchStore((s) => s.loadError)
  const flashes = useWatchStore((s) => s.flashes)
  const [removeError, setRemoveError] = useState<ReturnType<typeof describeError>>()

  const remove = (s: WatchedStatus) => {
    setRemoveError(undefined)
    const { protocol, port } = s.watched // the key only: watch:remove rejects other fields
    removeWatched({ protocol, port }).catch((err: unknown) => setRemoveError(describeError(err)))
  }

  return (
    <section className="inventory-panel" aria-labelledby="watch-heading">
      <h2 id="watch-heading">
        Watched ports <span className="count">{statuses.length}</span>
      </h2>
      <p className="panel-note">
        Checked on every change; you get a desktop notification when one stops (or starts) being
        bindable.
      </p>
      <WatchAddForm />
      <ErrorNote error={loadError ?? removeError} id="watch-error" />
      <table
        className="data-table compact watch-table"
        aria-label="Watched ports"
        hidden={!statuses.length}
      >
        <thead>
          <tr>
            <th scope="col">Label</th>
            <th scope="col">Protocol</th>
            <th scope="col" className="num">
              Port
            </th>
            <th scope="col">Status</th>
            <th scope="col">Why</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {statuses.map((s) => {
            const key = watchKey(s.watched)
            const name = `${s.watched.label ? `${s.watched.label} ` : ''}${s.watched.protocol.toUpperCase()} ${s.watched.port}`
            const ok = s.verdict.bindable
            return (
              <tr key={key} data-watch={key} className={flashClass(flashes.get(key)) || undefined}>
                <td>{s.watched.label ?? <span className="muted">—</span>}</td>
                <td>{s.watched.protocol.toUpperCase()}</td>
                <td className="num mono">{s.watched.port}</td>
                <td>
                  <span className={ok ? 'watch-badge ok' : 'watch-badge blocked'}>
                    {ok ? 'Bindable' : 'Not bindable'}
                  </span>
                </td>
                <td className="watch-why">{why(s)}</td>
                <td className="actions">
                  {!ok && (
                    <button
                      type="button"
                      aria-label={`Why? ${name}`}
                      onClick={() => showWhy(s.watched.protocol, s.watched.port)}
                    >
                      Why?
                    </button>
                  )}
                  <button
                    type="button"
                    aria-label={`Stop watching ${name}`}
                    onClick={() => remove(s)}
                  >
                    Stop watching
                  </button>
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      {loaded && statuses.length === 0 && (
        <p className="empty">No watched ports. Add one to hear when it stops being bindable.</p>
      )}
    </section>
  )
}
