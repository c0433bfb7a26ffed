import { useState, type FormEvent } from 'react'
import type { Protocol } from '../../../../shared/model'
import { parsePortSpec } from '../../../../shared/port-spec'
import type { PortVerdict } from '../../../../shared/verdict'
import { ErrorNote } from '../../components/ErrorNote'
import { ProtocolSelect } from '../../components/ProtocolSelect'
import { TextField } from '../../components/TextField'
import { describeError, ipc, type UiError } from '../../ipc/client'
import { VerdictList } from './VerdictList'
import './port-check.css'

/** Cards rendered at once: each may hold several reasons and fixes, so 65,536 would crawl. */
const PAGE = 200
const count = new Intl.NumberFormat()

/** "Can I bind these ports?": one verdict per port, with reasons and fixes. */
export function PortCheck() {
  const [spec, setSpec] = useState('')
  const [protocol, setProtocol] = useState<Protocol>('tcp')
  const [fieldError, setFieldError] = useState<string>()
  const [error, setError] = useState<UiError>()
  const [pending, setPending] = useState(false)
  const [verdicts, setVerdicts] = useState<PortVerdict[]>()
  /** What the shown verdicts answer, since the form may have been edited since. */
  const [asked, setAsked] = useState<{ protocol: Protocol; spec: string }>()
  const [onlyBlocked, setOnlyBlocked] = useState(false)
  const [limit, setLimit] = useState(PAGE)

  async function submit(e: FormEvent) {
    e.preventDefault()
    setError(undefined)
    try {
      parsePortSpec(spec) // the same parser main uses: say what is wrong before any call
    } catch (err) {
      setFieldError(describeError(err).message)
      return
    }
    setPending(true)
    try {
      setVerdicts(await ipc.checkPorts({ ports: spec, protocol }))
      setAsked({ protocol, spec: spec.trim() })
      setLimit(PAGE)
    } catch (err) {
      const info = describeError(err)
      if (info.kind === 'invalid-input') setFieldError(info.message)
      else setError(info)
    } finally {
      setPending(false)
    }
  }

  const blocked = verdicts?.filter((v) => !v.bindable).length ?? 0
  const listed = (onlyBlocked ? verdicts?.filter((v) => !v.bindable) : verdicts) ?? []
  return (
    <section className="inventory-panel port-check" aria-labelledby="check-heading">
      <h2 id="check-heading">Port check</h2>
      <form className="check-form" aria-label="Check ports" onSubmit={submit}>
        <TextField
          label="Ports to check"
          name="ports"
          className="mono"
          placeholder="3000 · 3000,5432,8080 · 8000-8100"
          value={spec}
          errorId="check-error"
          errorRole="alert"
          error={fieldError}
          onValue={(text) => {
            setSpec(text)
            setFieldError(undefined)
          }}
        />
        <ProtocolSelect value={protocol} onChange={setProtocol} />
        <button type="submit" disabled={pending}>
          {pending ? 'Checking…' : 'Check'}
        </button>
      </form>
      <ErrorNote error={error} id="check-call-error" />
      {verdicts && asked && (
        <div className="check-summary" aria-live="polite">
          <span>
            <strong className="mono">
              {asked.protocol.toUpperCase()} {asked.spec}
            </strong>
            : {count.format(verdicts.length)} checked: {count.format(verdicts.length - blocked)}{' '}
            bindable, {count.format(blocked)} not bindable.
          </span>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={onlyBlocked}
              onChange={(e) => setOnlyBlocked(e.target.checked)}
            />
            Only ports that cannot be bound
          </label>
        </div>
      )}
      {verdicts && <VerdictList verdicts={listed.slice(0, limit)} />}
      {listed.length > limit && (
        <p className="cap-note">
          Showing the first {count.format(limit)} of {count.format(listed.length)}.{' '}
          <button type="button" className="link-button" onClick={() => setLimit(limit + PAGE)}>
            Show {PAGE} more
          </button>
        </p>
      )}
    </section>
  )
}
