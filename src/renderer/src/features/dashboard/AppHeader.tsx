import { ReportActions } from '../report/ReportActions'
import { useAppInfoStore } from '../../stores/app-info-store'
import { useInventoryStore } from '../../stores/inventory-store'
import './header.css'

const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' })

/**
 * Where Portwarden runs and how fresh its picture is: host, platform and privileges in one line,
 * opening (a popover) to the backend and the time of the last inventory reading that changed
 * something (main pushes only changes).
 */
export function AppHeader() {
  const info = useAppInfoStore((s) => s.info)
  const status = useInventoryStore((s) => s.status)
  return (
    <header className="app-header">
      <h1>Portwarden</h1>
      {info && (
        <details className="host-facts">
          {/* The facts are looked up now and then: one line, the rest a click away. */}
          <summary>
            {info.hostname} · {info.platform} ·{' '}
            <span className={info.privileged ? 'priv-elevated' : undefined}>
              {info.privileged ? 'elevated' : 'standard user'}
            </span>
          </summary>
          <dl className="facts">
            <div>
              <dt>Host</dt>
              <dd>{info.hostname}</dd>
            </div>
            <div>
              <dt>Platform</dt>
              <dd>{info.platform}</dd>
            </div>
            <div>
              <dt>Backend</dt>
              <dd className="mono">{info.backend}</dd>
            </div>
            <div>
              <dt>Privileges</dt>
              <dd className={info.privileged ? 'priv-elevated' : undefined}>
                {info.privileged ? 'elevated' : 'standard user'}
              </dd>
            </div>
            <div>
              <dt>Updated</dt>
              <dd data-testid="last-refresh">
                {status ? (
                  <time
                    dateTime={status.takenAt}
                    title="Last inventory reading that changed something"
                    className={status.stale ? 'is-stale' : undefined}
                  >
                    {time.format(new Date(status.takenAt))}
                  </time>
                ) : (
                  '…'
                )}
              </dd>
            </div>
          </dl>
        </details>
      )}
      <ReportActions />
    </header>
  )
}
