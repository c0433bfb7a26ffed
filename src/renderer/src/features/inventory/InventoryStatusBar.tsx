import type { InventoryStatus } from '../../../../shared/inventory'
import { useAppInfoStore } from '../../stores/app-info-store'
import { useInventoryStore } from '../../stores/inventory-store'
import './status-bar.css'

const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' })
const count = new Intl.NumberFormat()

const sourceText: Record<InventoryStatus['source'], string> = {
  netlink: 'kernel (netlink)',
  proc: '/proc/net — blind to bound-but-idle TCP sockets',
  iphlpapi: 'Windows IP Helper (GetExtendedTcpTable/UdpTable)',
}

/**
 * Where the inventory comes from and how much to trust it: the source, when it last changed,
 * whether every owner was readable, and a stale marker while polls fail. Main pushes only when
 * something changed, so the time shown is the last reading that differed, not the last poll.
 */
export function InventoryStatusBar() {
  const status = useInventoryStore((s) => s.status)
  const sockets = useInventoryStore((s) => s.sockets.length)
  const privileged = useAppInfoStore((s) => s.info?.privileged)
  if (!status) {
    return (
      <div className="status-bar" aria-label="Inventory status">
        <span className="muted">Reading the ports in use…</span>
      </div>
    )
  }
  const takenAt = new Date(status.takenAt)
  return (
    <div
      className={status.stale ? 'status-bar is-stale' : 'status-bar'}
      aria-label="Inventory status"
    >
      <span className={status.source === 'proc' ? 'status-item warn' : 'status-item'}>
        Source: {sourceText[status.source]}
      </span>
      <span className="status-item">
        {count.format(sockets)} sockets · changed{' '}
        <time dateTime={status.takenAt}>{time.format(takenAt)}</time> · polled every{' '}
        {status.pollIntervalMs >= 1000
          ? `${status.pollIntervalMs / 1000} s`
          : `${status.pollIntervalMs} ms`}
      </span>
      <span className={status.ownersComplete ? 'status-item' : 'status-item warn'}>
        {status.ownersComplete
          ? 'All owners visible'
          : // Already root: running as root again would not help, so do not say it.
            privileged
            ? 'Some owners hidden: their processes could not be read'
            : 'Some owners hidden: run as root'}
      </span>
      {status.rangesError && (
        <span className="status-item warn">Port ranges not read: {status.rangesError}</span>
      )}
      {status.stale && (
        <span className="status-item stale" role="alert">
          Stale since{' '}
          <time dateTime={status.stale.since}>{time.format(new Date(status.stale.since))}</time>:{' '}
          {status.stale.message}
        </span>
      )}
    </div>
  )
}
