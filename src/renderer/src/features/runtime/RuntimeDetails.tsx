import type { RuntimeReservation } from '../../../../shared/model'
import { endPort, formatSpan } from '../../../../shared/ranges'
import { CopyButton } from '../../components/CopyButton'
import { AssociateProbe } from './AssociateProbe'
import { useAppInfoStore } from '../../stores/app-info-store'

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' })

interface Props {
  reservation: RuntimeReservation
  onClose(): void
  onRelease(): void
}

/** One reservation in full, opened with Enter on its row: what it holds and how to check it. */
export function RuntimeDetails({ reservation: r, onClose, onRelease }: Props) {
  const pid = useAppInfoStore((s) => s.info?.pid)
  const canProbe = useAppInfoStore((s) => s.info?.associateProbe ?? false)
  const name = `${r.protocol.toUpperCase()} ${formatSpan(r)}`
  const checkCommand = `portwarden check --protocol ${r.protocol} ${r.startPort}-${endPort(r)}`
  return (
    <section
      className="details-panel"
      aria-label="Reservation details"
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      <header className="details-head">
        <h3>{name}</h3>
        <button type="button" className="secondary" onClick={onRelease}>
          Release
        </button>
        <button type="button" className="secondary" onClick={onClose} aria-keyshortcuts="Escape">
          Close
        </button>
      </header>
      <dl className="details-grid">
        <dt>Token</dt>
        <dd className="mono">
          {r.token} <CopyButton text={r.token} label="Copy token" />
        </dd>
        <dt>Ports</dt>
        <dd className="mono">
          {formatSpan(r)} ({r.count} port{r.count === 1 ? '' : 's'})
        </dd>
        <dt>Acquired</dt>
        <dd>
          <time dateTime={r.acquiredAt}>{timeFormat.format(new Date(r.acquiredAt))}</time>
        </dd>
        <dt>Held by</dt>
        <dd>This Portwarden{pid !== undefined && ` (pid ${pid})`}, until you release it or quit</dd>
        {canProbe && (
          <>
            <dt>Pool</dt>
            <dd>
              <AssociateProbe token={r.token} />
            </dd>
          </>
        )}
        <dt>Check</dt>
        <dd>
          <code>{checkCommand}</code> <CopyButton text={checkCommand} label="Copy check command" />
        </dd>
      </dl>
    </section>
  )
}
