import type { ReserveRequest } from '../../../../shared/model'
import { describeAvailability } from './availability-text'
import { MAX_CHECKED_PORTS, useBlockCheck } from './use-block-check'

const count = new Intl.NumberFormat()

/**
 * Before Reserve is pressed: whether every port of the requested block is free now, or the
 * first ones that are not and why. A live region, so the answer is read out as it changes.
 */
export function BlockAvailability({ request }: { request?: ReserveRequest }) {
  const check = useBlockCheck(request)
  let body
  if (!request) body = null
  else if (request.startPort === 0)
    body = <span className="muted">Portwarden picks a free block outside the dynamic range.</span>
  else if (request.count > MAX_CHECKED_PORTS)
    body = (
      <span className="muted">
        Blocks over {count.format(MAX_CHECKED_PORTS)} ports are not checked ahead; Reserve says
        which port is taken, if any.
      </span>
    )
  else if (check.state === 'checking') body = <span className="muted">Checking the block…</span>
  else if (check.state === 'failed')
    body = <span className="error-note">Could not check: {check.error.message}</span>
  else if (check.state === 'done') {
    const a = describeAvailability(check.verdicts)
    const more = check.verdicts.filter((v) => !v.bindable).length - a.conflicts.length
    body = (
      <>
        <span className={a.free ? 'avail-ok' : 'avail-blocked'}>{a.summary}</span>
        {a.caveat && <span className="muted"> · {a.caveat}</span>}
        {a.conflicts.length > 0 && (
          <ul className="avail-conflicts">
            {a.conflicts.map((c) => (
              <li key={c.port}>
                <span className="mono">{c.port}</span> {c.why}
              </li>
            ))}
            {more > 0 && <li className="muted">…and {count.format(more)} more</li>}
          </ul>
        )}
      </>
    )
  }
  return (
    <div
      className="block-availability"
      role="status"
      aria-label="Block availability"
      data-state={check.state}
    >
      {body}
    </div>
  )
}
