import { useRef, useState, type FormEvent } from 'react'
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
/**
 * Ports asked of main per call: a long check (1-65535) arrives page by page, each probed in
 * main's inventory worker, so neither side holds or sends all verdicts at once and the page
 * stays responsive, showing what it has so far.
 */
const PORTS_PER_CALL = 1024
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
  /** Ports checked so far and in all, while a check runs page by page. */
  const [progress, setProgress] = useState<{ done: number; total: number }>()
  /** Which check is current: a newer one stops an older one from writing its pages. */
  const run = useRef(0)

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
    const id = ++run.current
    try {
      const all: PortVerdict[] = []
      for (let offset: number | undefined = 0; offset !== undefined;) {
        const page = await ipc.checkPortsPage({
          ports: spec,
          protocol,
          offset,
          limit: PORTS_PER_CALL,
        })
        if (run.current !== id) return // a newer check took over
        all.push(...page.verdicts)
        if (offset === 0) {
          setAsked({ protocol, spec: spec.trim() })
          setLimit(PAGE)
        }
        setVerdicts(all.slice())
        offset = page.next
        setProgress(offset === undefined ? undefined : { done: offset, total: page.totalPorts })
      }
    } catch (err) {
      const info = describeError(err)
      if (info.kind === 'invalid-input') setFieldError(info.message)
      else setError(info)
    } finally {
      if (run.current === id) {
        setPending(false)
        setProgress(undefined)
      }
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
            bindable, {count.format(blocked)} not bindable
            {progress
              ? ` so far (${count.format(progress.done)} of ${count.format(progress.total)} ports)…`
              : '.'}
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
