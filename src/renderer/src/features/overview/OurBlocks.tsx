import { formatSpan } from '../../../../shared/ranges'
import { useHoldersStore } from '../../stores/holders-store'
import { useRuntimeStore } from '../../stores/runtime-store'
import { showTab } from '../../stores/ui-store'
import { releaseBlock } from '../actions/run-action'

/** The blocks this Portwarden holds (Release on each) and those other Portwardens hold. */
export function OurBlocks() {
  const ours = useRuntimeStore((s) => s.reservations)
  const others = useHoldersStore((s) => s.others)
  const theirs = others.flatMap((h) => h.reservations.map((r) => ({ ...r, holder: h })))
  return (
    <section className="overview-card" aria-labelledby="blocks-heading">
      <h2 id="blocks-heading">
        Our blocks <span className="count">{ours.length}</span>
      </h2>
      {ours.length === 0 ? (
        <p className="muted">
          None held.{' '}
          <button type="button" className="link-button" onClick={() => showTab('runtime')}>
            Reserve a block…
          </button>
        </p>
      ) : (
        <table className="data-table compact" aria-label="Our blocks">
          <thead>
            <tr>
              <th scope="col">Ports</th>
              <th scope="col">Protocol</th>
              <th scope="col" className="num">
                Count
              </th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {ours.map((r) => (
              <tr key={r.token} data-block-token={r.token}>
                <td className="mono">{formatSpan(r)}</td>
                <td>{r.protocol.toUpperCase()}</td>
                <td className="num">{r.count}</td>
                <td className="actions">
                  <button
                    type="button"
                    aria-label={`Release ${r.protocol.toUpperCase()} ${formatSpan(r)}`}
                    onClick={() => void releaseBlock(r.token)}
                  >
                    Release
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {theirs.length > 0 && (
        <p className="muted">
          Other Portwardens hold{' '}
          {theirs
            .map(
              (r) =>
                `${r.protocol.toUpperCase()} ${formatSpan(r)} (${r.holder.holder}, pid ${r.holder.pid})`,
            )
            .join(', ')}
          .
        </p>
      )}
    </section>
  )
}
