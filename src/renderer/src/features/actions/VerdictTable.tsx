import { Fragment, useState } from 'react'
import type { PortVerdict } from '../../../../shared/verdict'
import { ReasonFixes } from '../../components/ReasonFixes'
import { useAppInfoStore } from '../../stores/app-info-store'
import { askEnd, showWhy } from './actions-store'
import { releaseBlock } from './run-action'
import { mainReason, verdictActions } from './verdict-actions'

const PAGE = 200
const count = new Intl.NumberFormat()

interface Props {
  verdicts: readonly PortVerdict[]
  /** Accessible name of the table, e.g. "Verdicts for TCP 8000-8100". */
  label: string
}

/**
 * A list or range of verdicts as a compact table: one row per port — verdict, main cause, the
 * action that frees it — each row expanding to every reason with its fix to copy.
 */
export function VerdictTable({ verdicts, label }: Props) {
  const ourPid = useAppInfoStore((s) => s.info?.pid)
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set())
  const [limit, setLimit] = useState(PAGE)
  const toggle = (key: string) => {
    const next = new Set(open)
    if (next.has(key)) next.delete(key)
    else next.add(key)
    setOpen(next)
  }
  return (
    <>
      <table className="data-table verdict-table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Port</th>
            <th scope="col">Verdict</th>
            <th scope="col">Main cause</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {verdicts.slice(0, limit).map((v) => {
            const key = `${v.protocol} ${v.port}`
            const name = `${v.protocol.toUpperCase()} ${v.port}`
            const cause = mainReason(v)
            const actions = verdictActions(v, ourPid)
            const expanded = open.has(key)
            return (
              <Fragment key={key}>
                <tr data-verdict={key} className={v.bindable ? undefined : 'is-blocked'}>
                  <td className="mono">
                    <button
                      type="button"
                      className="disclosure"
                      aria-expanded={expanded}
                      aria-label={`${name}: every reason`}
                      onClick={() => toggle(key)}
                    >
                      <span aria-hidden="true">{expanded ? '▾' : '▸'}</span> {name}
                    </button>
                  </td>
                  <td>
                    <span className={v.bindable ? 'verdict-word ok' : 'verdict-word blocked'}>
                      {v.bindable ? 'Bindable' : 'Not bindable'}
                    </span>
                  </td>
                  <td className="cause">{cause.cause?.label ?? cause.message}</td>
                  <td className="actions">
                    {actions.release && (
                      <button type="button" onClick={() => void releaseBlock(actions.release!)}>
                        Release
                      </button>
                    )}
                    {actions.end.map((o) => (
                      <button
                        key={o.pid}
                        type="button"
                        aria-label={`End ${o.name}… (pid ${o.pid})`}
                        onClick={() =>
                          askEnd({
                            pid: o.pid,
                            name: o.name,
                            user: o.user,
                            port: { protocol: v.protocol, port: v.port },
                          })
                        }
                      >
                        End {o.name}…
                      </button>
                    ))}
                    <button
                      type="button"
                      aria-label={`Why? ${name}`}
                      onClick={() => showWhy(v.protocol, v.port)}
                    >
                      Why?
                    </button>
                  </td>
                </tr>
                {expanded && (
                  <tr className="verdict-reasons-row">
                    <td colSpan={4}>
                      <ul className="why-reasons">
                        {v.reasons.map((r, i) => (
                          <li key={i} className={r.blocking ? 'blocking' : undefined}>
                            <span>{r.message}</span>
                            <ReasonFixes reason={r} name={name} />
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                )}
              </Fragment>
            )
          })}
        </tbody>
      </table>
      {verdicts.length > limit && (
        <p className="cap-note">
          Showing the first {count.format(limit)} of {count.format(verdicts.length)}.{' '}
          <button type="button" className="link-button" onClick={() => setLimit(limit + PAGE)}>
            Show {PAGE} more
          </button>
        </p>
      )}
    </>
  )
}
