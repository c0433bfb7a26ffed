import { useEffect, useState } from 'react'
import type { EndProcessResult, ProcessDetails } from '../../../../shared/process-actions'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { ErrorNote } from '../../components/ErrorNote'
import { describeError, ipc, type UiError } from '../../ipc/client'
import { closeEnd, say, type EndTarget } from './actions-store'

/**
 * "End process…": names the process, its user and command line before anything is sent. SIGTERM
 * asks it to exit; "at once" sends SIGKILL. One still running after SIGTERM is offered SIGKILL.
 */
export function EndProcessDialog({ target }: { target: EndTarget }) {
  const [details, setDetails] = useState<ProcessDetails>()
  const [lookupError, setLookupError] = useState<UiError>()
  const [force, setForce] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<UiError>()
  const [stuck, setStuck] = useState<EndProcessResult>()
  useEffect(() => {
    ipc
      .processDetails(target.pid)
      .then(setDetails, (e: unknown) => setLookupError(describeError(e)))
  }, [target.pid])

  const who = `${target.name} (pid ${target.pid})`
  const run = async () => {
    setBusy(true)
    setError(undefined)
    try {
      const r = await ipc.endProcess({
        pid: target.pid,
        force: force || stuck !== undefined,
        identity: details?.identity,
      })
      if (!r.exited) {
        setStuck(r)
        return
      }
      let text = `${who} ended (${r.signal}${r.elevated ? ', as administrator' : ''}).`
      if (target.port) {
        const [v] = await ipc.checkPorts({
          ports: String(target.port.port),
          protocol: target.port.protocol,
        })
        const p = `${target.port.protocol.toUpperCase()} ${target.port.port}`
        text += v?.bindable ? ` ${p} is free now.` : ` ${p} is still held: see why.`
      }
      say({ tone: 'ok', text })
      closeEnd()
    } catch (err) {
      setError(describeError(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <ConfirmDialog
      title={stuck ? `${who} is still running` : `End ${who}?`}
      confirmLabel={stuck ? 'Kill (SIGKILL)' : force ? 'Kill process' : 'End process'}
      busy={busy}
      onConfirm={() => void run()}
      onCancel={closeEnd}
    >
      {stuck ? (
        <p>
          It did not exit within {Math.round(stuck.waitedMs / 100) / 10} s of SIGTERM. SIGKILL ends
          it at once, without a chance to clean up.
        </p>
      ) : (
        <p>
          Portwarden asks it to exit (SIGTERM) and waits a few seconds. It may save its work first.
        </p>
      )}
      <dl className="details-grid end-facts">
        <dt>User</dt>
        <dd>
          {details?.user ??
            target.user ??
            (details?.uid !== undefined ? `uid ${details.uid}` : '…')}
        </dd>
        <dt>Command line</dt>
        <dd className="mono wrap" data-testid="end-command-line">
          {details?.commandLine?.join(' ') ?? details?.exe ?? (lookupError ? 'unknown' : '…')}
        </dd>
        {details?.service && (
          <>
            <dt>Service</dt>
            <dd className="mono">{details.service} (systemd may start it again)</dd>
          </>
        )}
        {details?.container && (
          <>
            <dt>Container</dt>
            <dd className="mono">
              {details.container.runtime} {details.container.id}
            </dd>
          </>
        )}
      </dl>
      {details && !details.canSignal && (
        <p>It belongs to another user: Portwarden will ask for administrator rights.</p>
      )}
      {!stuck && (
        <label className="checkbox">
          <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
          At once (SIGKILL): no chance to clean up
        </label>
      )}
      <ErrorNote error={lookupError ?? error} id="end-error" />
    </ConfirmDialog>
  )
}
