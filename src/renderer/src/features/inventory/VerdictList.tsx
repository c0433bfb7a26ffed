import type { PortVerdict, VerdictReasonCode } from '../../../../shared/verdict'
import { ReasonFixes } from '../../components/ReasonFixes'

const codeLabel: Record<VerdictReasonCode, string> = {
  ours: 'this Portwarden',
  portwarden: 'other Portwarden',
  'in-use': 'in use',
  'time-wait': 'TIME_WAIT',
  unexplained: 'unexplained',
  address: 'address',
  privileged: 'privileged',
  excluded: 'excluded',
  reserved: 'reserved',
  dynamic: 'dynamic range',
  shared: 'shared',
  variant: 'would work',
  'other-protocol': 'other protocol',
  free: 'free',
}

/** One card per port: bindable or not, every reason, and each reason's fix ready to copy. */
export function VerdictList({ verdicts }: { verdicts: readonly PortVerdict[] }) {
  return (
    <ul className="verdicts" aria-label="Verdicts">
      {verdicts.map((v) => {
        const name = `${v.protocol.toUpperCase()} ${v.port}`
        return (
          <li
            key={`${v.protocol} ${v.port}`}
            className={v.bindable ? 'verdict verdict-ok' : 'verdict verdict-blocked'}
            aria-label={`${name}: ${v.bindable ? 'bindable' : 'not bindable'}`}
          >
            <div className="verdict-head">
              <span className="mono verdict-port">{name}</span>
              <span className="verdict-badge">{v.bindable ? 'Bindable' : 'Not bindable'}</span>
            </div>
            <ul className="reasons">
              {v.reasons.map((r, i) => (
                <li key={i} className="reason">
                  <span className={r.blocking ? 'reason-code blocking' : 'reason-code'}>
                    {codeLabel[r.code]}
                  </span>
                  <span className="reason-message">{r.message}</span>
                  <ReasonFixes reason={r} name={name} />
                </li>
              ))}
            </ul>
          </li>
        )
      })}
    </ul>
  )
}
