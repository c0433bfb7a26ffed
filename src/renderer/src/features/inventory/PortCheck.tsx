import { useRef, useState, type FormEvent } from 'react'
import { ADDRESS_HINT, addressFamily, describeIntent } from '../../../../shared/bind-address'
import type { BindReuse, IntentProtocol } from '../../../../shared/bind-probe'
import { parsePortSpec } from '../../../../shared/port-spec'
import type { PortVerdict, VerdictIntent } from '../../../../shared/verdict'
import { summarizeCauses } from '../../../../shared/verdict-summary'
import { ErrorNote } from '../../components/ErrorNote'
import { TextField } from '../../components/TextField'
import { describeError, ipc, type UiError } from '../../ipc/client'
import { VerdictTable } from '../actions/VerdictTable'
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
  const [protocol, setProtocol] = useState<IntentProtocol>('tcp')
  /** Empty: the wildcard pair 0.0.0.0 and [::], as a typical server binds. */
  const [address, setAddress] = useState('')
  const [reuse, setReuse] = useState<BindReuse>('none')
  const [addressError, setAddressError] = useState<string>()
  const [fieldError, setFieldError] = useState<string>()
  const [error, setError] = useState<UiError>()
  const [pending, setPending] = useState(false)
  const [verdicts, setVerdicts] = useState<PortVerdict[]>()
  /** What the shown verdicts answer, since the form may have been edited since. */
  const [asked, setAsked] = useState<{ intent: VerdictIntent; spec: string }>()
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
    const where = address.trim()
    if (where !== '' && addressFamily(where) === undefined) {
      setAddressError(ADDRESS_HINT)
      return
    }
    const intent: VerdictIntent = { protocol, reuse, ...(where ? { address: where } : {}) }
    setPending(true)
    const id = ++run.current
    try {
      const all: PortVerdict[] = []
      for (let offset: number | undefined = 0; offset !== undefined;) {
        const page = await ipc.checkPortsPage({
          ports: spec,
          ...intent,
          offset,
          limit: PORTS_PER_CALL,
        })
        if (run.current !== id) return // a newer check took over
        all.push(...page.verdicts)
        if (offset === 0) {
          setAsked({ intent, spec: spec.trim() })
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
        <button type="submit" disabled={pending}>
          {pending ? 'Checking…' : 'Check'}
        </button>
        <details className="check-advanced">
          <summary>Advanced: the bind to try</summary>
          <label>
            Protocol
            <select
              name="protocol"
              value={protocol}
              onChange={(e) => setProtocol(e.target.value as IntentProtocol)}
            >
              <option value="tcp">TCP</option>
              <option value="udp">UDP</option>
              <option value="both">TCP and UDP</option>
            </select>
          </label>
          <TextField
            label="Address"
            name="address"
            className="mono"
            placeholder="0.0.0.0 and [::] · 127.0.0.1 · ::1"
            value={address}
            errorId="check-address-error"
            error={addressError}
            onValue={(text) => {
              setAddress(text)
              setAddressError(undefined)
            }}
          />
          <label>
            Reuse
            <select
              name="reuse"
              value={reuse}
              onChange={(e) => setReuse(e.target.value as BindReuse)}
            >
              <option value="none">none</option>
              <option value="addr">SO_REUSEADDR</option>
              <option value="port">SO_REUSEPORT</option>
            </select>
          </label>
          <p className="muted check-note">
            Each port is bound for real as set here (a socket per family, bind, close at once —
            never listen), so the answer is the kernel&rsquo;s; the port is held for microseconds.
          </p>
        </details>
      </form>
      <ErrorNote error={error} id="check-call-error" />
      {verdicts && asked && (
        <div className="check-summary" aria-live="polite">
          <span>
            <strong className="mono">{asked.spec}</strong> {`(${describeIntent(asked.intent)}):`}{' '}
            {count.format(verdicts.length)} checked: {count.format(verdicts.length - blocked)}{' '}
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
      {verdicts && verdicts.length > 1 && <CauseSummaries verdicts={verdicts} />}
      {/* One port: its card with every reason. A list or range: a compact table, one row per
          port (verdict, main cause, action), each row expanding to its reasons. */}
      {verdicts && verdicts.length > 1 && asked && (
        <VerdictTable verdicts={listed} label={`Verdicts for ${asked.spec}`} />
      )}
      {verdicts && verdicts.length <= 1 && <VerdictList verdicts={listed.slice(0, limit)} />}
      {verdicts && verdicts.length <= 1 && listed.length > limit && (
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

/** A list or range: each distinct cause that stops a bind, once, with the ports it covers. */
function CauseSummaries({ verdicts }: { verdicts: readonly PortVerdict[] }) {
  const causes = summarizeCauses(verdicts, { blockingOnly: true })
  if (causes.length === 0) return null
  return (
    <ul className="check-causes" aria-label="Causes">
      {causes.slice(0, 12).map((c) => (
        <li key={`${c.protocol} ${c.code} ${c.label}`}>
          <span className="mono">
            {c.protocol.toUpperCase()} {c.ports}
          </span>{' '}
          ({count.format(c.count)}): {c.count === 1 ? c.message : c.label}
        </li>
      ))}
      {causes.length > 12 && <li className="muted">…and {causes.length - 12} more causes</li>}
    </ul>
  )
}
