import { useEffect, useId, useMemo, useState } from 'react'
import type { PortVerdict } from '../../../../shared/verdict'
import { parsePortSpec } from '../../../../shared/port-spec'
import { ErrorNote } from '../../components/ErrorNote'
import { describeError, ipc, type UiError } from '../../ipc/client'
import { useAppInfoStore } from '../../stores/app-info-store'
import { useInventoryStore } from '../../stores/inventory-store'
import { askEnd, showWhy } from '../actions/actions-store'
import { VerdictTable } from '../actions/VerdictTable'
import { processMatches } from './process-matches'

const TYPING_MS = 250
const looksLikePorts = (text: string) => /^[\d\s,–-]+$/.test(text.trim())
type Proto = 'tcp' | 'udp' | 'both'

/**
 * One box, "port or process", answering as you type: port numbers, lists and ranges get their
 * verdicts (what holds them and what frees them); anything else is a process name, pid or user,
 * answered with its sockets from the live inventory. The answer always matches the box: it is
 * cleared the moment the text changes, and replaced when the new answer arrives.
 */
export function PortOrProcess() {
  const [text, setText] = useState('')
  const [protocol, setProtocol] = useState<Proto>('tcp')
  /** The last answer from main, and the question it answers (the box may have moved on). */
  const [answer, setAnswer] = useState<{ for: string; list?: PortVerdict[]; error?: UiError }>()
  const sockets = useInventoryStore((s) => s.sockets)
  const ourPid = useAppInfoStore((s) => s.info?.pid)
  const hintId = useId()
  const ports = looksLikePorts(text) && text.trim() !== ''
  const asked = `${protocol} ${text.trim()}`
  // The same parser main uses: a bad spec is said at once, without a call.
  const specError = useMemo(() => {
    if (!ports) return undefined
    try {
      parsePortSpec(text)
      return undefined
    } catch (err) {
      return describeError(err)
    }
  }, [ports, text])

  useEffect(() => {
    if (!ports || specError) return
    let live = true
    const timer = setTimeout(() => {
      ipc.checkPorts({ ports: text, protocol }).then(
        (list) => live && setAnswer({ for: asked, list }),
        (err: unknown) => live && setAnswer({ for: asked, error: describeError(err) }),
      )
    }, TYPING_MS)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [text, protocol, ports, asked, specError])

  const processes = useMemo(
    () => (ports ? [] : processMatches(sockets, text)),
    [ports, sockets, text],
  )
  const current = answer?.for === asked ? answer : undefined
  const shown = current?.list
  const error = specError ?? current?.error

  return (
    <section className="overview-ask" aria-labelledby="ask-heading">
      <h2 id="ask-heading">Port or process</h2>
      <div className="ask-row">
        <input
          type="search"
          className="ask-box"
          aria-label="Port or process"
          aria-describedby={hintId}
          data-tab-filter=""
          placeholder="8080 · 3000-3010 · postgres · 1234"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <label className="inline-field">
          Protocol
          <select value={protocol} onChange={(e) => setProtocol(e.target.value as Proto)}>
            <option value="tcp">TCP</option>
            <option value="udp">UDP</option>
            <option value="both">Both</option>
          </select>
        </label>
      </div>
      <p id={hintId} className="muted ask-hint">
        A port, a list or a range says whether it can be bound and what holds it; a name, pid or
        user shows that process&apos;s ports.
      </p>
      <div className="ask-answer" aria-live="polite">
        <ErrorNote error={error} />
        {ports && !error && !shown && <p className="muted">Asking the kernel…</p>}
        {shown && <VerdictTable verdicts={shown} label={`Verdicts for ${text.trim()}`} />}
        {!ports && text.trim() && processes.length === 0 && (
          <p className="muted">No process named “{text.trim()}” has a socket open.</p>
        )}
        {processes.length > 0 && (
          <ul className="process-answers" aria-label="Processes">
            {processes.map((p) => (
              <li key={p.pid}>
                <div className="process-line">
                  <strong className="mono">{p.name}</strong>
                  <span>
                    pid {p.pid}
                    {p.user && `, ${p.user}`}
                  </span>
                  <span className="muted">
                    {p.listening.length
                      ? `listens on ${p.listening.map((l) => `${l.protocol.toUpperCase()} ${l.port}`).join(', ')}`
                      : 'listens on nothing'}
                    {p.connections > 0 &&
                      ` · ${p.connections} connection${p.connections === 1 ? '' : 's'}`}
                  </span>
                  {p.pid !== ourPid && (
                    <button
                      type="button"
                      className="danger small"
                      aria-label={`End process… ${p.name} (pid ${p.pid})`}
                      onClick={() => askEnd({ pid: p.pid, name: p.name, user: p.user })}
                    >
                      End process…
                    </button>
                  )}
                </div>
                <div className="port-chips">
                  {p.listening.slice(0, 12).map((l) => (
                    <button
                      key={`${l.protocol} ${l.port}`}
                      type="button"
                      className="secondary small"
                      aria-label={`Why ${l.protocol.toUpperCase()} ${l.port}`}
                      onClick={() => showWhy(l.protocol, l.port, l.socket)}
                    >
                      Why {l.protocol.toUpperCase()} {l.port}
                    </button>
                  ))}
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  )
}
