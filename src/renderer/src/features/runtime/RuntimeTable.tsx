import { useShallow } from 'zustand/react/shallow'
import { formatSpan } from '../../../../shared/ranges'
import { ErrorNote } from '../../components/ErrorNote'
import { useRuntimeStore } from '../../stores/runtime-store'

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'medium' })

/** The runtime reservations this Portwarden holds, live, with a Release button per row. */
export function RuntimeTable() {
  const { reservations, loaded, releasing, releaseError, release } = useRuntimeStore(
    useShallow((s) => ({
      reservations: s.reservations,
      loaded: s.loaded,
      releasing: s.releasing,
      releaseError: s.releaseError,
      release: s.release,
    })),
  )

  return (
    <section aria-labelledby="runtime-heading">
      <h2 id="runtime-heading">
        Runtime reservations <span className="count">{reservations.length}</span>
      </h2>
      <ErrorNote error={releaseError} id="release-error" />
      <table className="data-table" aria-label="Runtime reservations">
        <thead>
          <tr>
            <th scope="col">Token</th>
            <th scope="col">Protocol</th>
            <th scope="col">Ports</th>
            <th scope="col" className="num">
              Count
            </th>
            <th scope="col">Acquired</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {reservations.map((r) => (
            <tr key={r.token} data-token={r.token}>
              <td className="mono">{r.token}</td>
              <td>{r.protocol.toUpperCase()}</td>
              <td className="mono">{formatSpan(r)}</td>
              <td className="num">{r.count}</td>
              <td>
                <time dateTime={r.acquiredAt}>{timeFormat.format(new Date(r.acquiredAt))}</time>
              </td>
              <td>
                <button
                  type="button"
                  disabled={Boolean(releasing[r.token])}
                  aria-label={`Release ${r.protocol.toUpperCase()} ${formatSpan(r)}`}
                  onClick={() => void release(r.token)}
                >
                  {releasing[r.token] ? 'Releasing…' : 'Release'}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {loaded && reservations.length === 0 && (
        <p className="empty">No runtime reservations. Reserve a block to hold its ports.</p>
      )}
      {!loaded && <p className="empty">Loading…</p>}
    </section>
  )
}
