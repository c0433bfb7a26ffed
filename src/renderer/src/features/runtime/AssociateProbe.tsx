import { useState } from 'react'
import { ErrorNote } from '../../components/ErrorNote'
import { describeError, ipc, type UiError } from '../../ipc/client'

/**
 * Windows' proof that a reservation works: a fresh socket is associated with it and bound to
 * port 0, and the pool hands it a port from the block.
 */
export function AssociateProbe({ token }: { token: string }) {
  const [busy, setBusy] = useState(false)
  const [port, setPort] = useState<number>()
  const [error, setError] = useState<UiError>()
  async function probe() {
    setBusy(true)
    setError(undefined)
    try {
      setPort((await ipc.associateProbe(token)).port)
    } catch (err) {
      setPort(undefined)
      setError(describeError(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="associate-probe">
      <button type="button" className="secondary" disabled={busy} onClick={() => void probe()}>
        {busy ? 'Probing…' : 'Associate probe'}
      </button>
      <span aria-live="polite">
        {port !== undefined && `A fresh socket associated with it was given port ${port}.`}
      </span>
      <ErrorNote error={error} id="associate-error" />
    </div>
  )
}
