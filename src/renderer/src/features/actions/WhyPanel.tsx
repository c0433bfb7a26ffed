import { useEffect, useRef } from 'react'
import type { Protocol } from '../../../../shared/model'
import type { SocketEntry } from '../../../../shared/sockets'
import { ReasonFixes } from '../../components/ReasonFixes'
import { ErrorNote } from '../../components/ErrorNote'
import { useAppInfoStore } from '../../stores/app-info-store'
import { askEnd, closeWhy } from './actions-store'
import { ProcessFacts } from './ProcessFacts'
import { closeConnection, releaseBlock } from './run-action'
import { useWhy } from './use-why'
import './actions.css'

interface Props {
  protocol: Protocol
  port: number
  /** The row the question came from: its connection can be closed from here. */
  socket?: SocketEntry
}

const CONNECTED =
  /^(ESTABLISHED|SYN_SENT|SYN_RECV|FIN_WAIT1|FIN_WAIT2|CLOSE_WAIT|LAST_ACK|CLOSING)$/

/**
 * "Why can't I bind this?": the verdict for one port beside the page, the holders it names with
 * who they are, and the actions that free it — End process…, Close connection, Release — with
 * each reason's fix to copy. Follows the machine: it is asked again on every inventory change.
 */
export function WhyPanel({ protocol, port, socket }: Props) {
  const { verdict, service, holders, error, loading } = useWhy(protocol, port)
  const ourPid = useAppInfoStore((s) => s.info?.pid)
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [protocol, port])
  const name = `${protocol.toUpperCase()} ${port}`
  const ours = verdict?.reasons.find((r) => r.code === 'ours' && r.token)
  return (
    <aside
      className="why-panel"
      aria-labelledby="why-heading"
      onKeyDown={(e) => e.key === 'Escape' && closeWhy()}
    >
      <header className="why-head">
        <h2 id="why-heading" ref={heading} tabIndex={-1}>
          Why can&apos;t I bind {name}?
        </h2>
        <button type="button" className="secondary" onClick={closeWhy} aria-keyshortcuts="Escape">
          Close
        </button>
      </header>
      <div className="why-body" aria-live="polite" aria-busy={loading}>
        {service && (
          <p className="muted">
            Registered for <span className="mono">{service}</span>
          </p>
        )}
        <ErrorNote error={error} />
        {verdict && (
          <p className={verdict.bindable ? 'why-verdict ok' : 'why-verdict blocked'}>
            {verdict.bindable ? `${name} can be bound now.` : `${name} cannot be bound now.`}
          </p>
        )}
        {loading && !verdict && <p className="muted">Asking the kernel…</p>}
        <ul className="why-reasons">
          {verdict?.reasons.map((r, i) => (
            <li key={i} className={r.blocking ? 'blocking' : undefined}>
              <span>{r.message}</span>
              <ReasonFixes reason={r} name={name} />
            </li>
          ))}
        </ul>
        <div className="why-actions">
          {ours?.token && (
            <button type="button" onClick={() => void releaseBlock(ours.token!)}>
              Release block
            </button>
          )}
          {socket && CONNECTED.test(socket.state) && (
            <button
              type="button"
              className="secondary"
              onClick={() => void closeConnection(socket)}
            >
              Close connection
            </button>
          )}
        </div>
        {holders
          .filter((h) => h.pid !== ourPid)
          .map((h) => (
            <section key={h.pid} className="holder-card" aria-label={`${h.name} (pid ${h.pid})`}>
              <ProcessFacts p={h} />
              <button
                type="button"
                className="danger"
                onClick={() =>
                  askEnd({ pid: h.pid, name: h.name, user: h.user, port: { protocol, port } })
                }
              >
                End process…
              </button>
            </section>
          ))}
      </div>
    </aside>
  )
}
