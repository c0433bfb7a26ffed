import type { VerdictReason } from '../../../shared/verdict'
import { CopyButton } from './CopyButton'

/** A reason's fix (makes the bind work) and tip (avoids a later problem), each ready to copy. */
export function ReasonFixes({ reason, name }: { reason: VerdictReason; name: string }) {
  return (
    <>
      {reason.fix && (
        <div className="fix">
          <pre>
            <code>{reason.fix}</code>
          </pre>
          <CopyButton text={reason.fix} label={`Copy fix for ${name}`} />
        </div>
      )}
      {reason.tip && (
        <div className="fix tip">
          <pre>
            <code>{reason.tip}</code>
          </pre>
          <CopyButton text={reason.tip} label={`Copy tip for ${name}`} />
        </div>
      )}
    </>
  )
}
