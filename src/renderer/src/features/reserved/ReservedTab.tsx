import { useState } from 'react'
import type { ReservedRange } from '../../../../shared/inventory'
import { ErrorNote } from '../../components/ErrorNote'
import { formatPortList, type PortSpan } from '../../../../shared/ranges'
import { describeError, ipc, type UiError } from '../../ipc/client'
import { ReservedRangesTable } from '../inventory/ReservedRangesTable'
import { RemoveRangeDialog } from './RemoveRangeDialog'
import { ReservedRangeEditor } from './ReservedRangeEditor'
import './reserved-edit.css'

/**
 * The "Reserved ranges" tab: the live list, an Add form, and Delete (after a confirmation
 * naming the range) on ranges an administrator set. Without privileges both go through the
 * elevated helper, or say the command to run. A range removed now but kept across reboots is
 * said to come back at boot, with the offer to remove it there too.
 */
export function ReservedTab() {
  const [removing, setRemoving] = useState<ReservedRange>()
  const [returns, setReturns] = useState<PortSpan[]>([])
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<UiError>()

  async function remove(span: PortSpan, persist: boolean) {
    setBusy(true)
    setError(undefined)
    try {
      const result = await ipc.removeReserved({ ...span, persist })
      setReturns(result.returnsAtBoot ?? [])
    } catch (err) {
      setError(describeError(err))
    } finally {
      setBusy(false)
      setRemoving(undefined)
    }
  }

  return (
    <div className="reserved-tab">
      <ReservedRangeEditor />
      <ErrorNote error={error} id="reserved-remove-error" />
      {returns.length > 0 && (
        <p className="elevate-note" role="status">
          Ports {formatPortList(returns)} are still kept across reboots: they come back at the next
          boot.{' '}
          <button
            type="button"
            disabled={busy}
            onClick={() => void Promise.all(returns.map((s) => remove(s, true)))}
          >
            Remove at boot too
          </button>
        </p>
      )}
      <ReservedRangesTable onDelete={setRemoving} />
      {removing && (
        <RemoveRangeDialog
          range={removing}
          busy={busy}
          onConfirm={(persist) =>
            void remove(
              { startPort: removing.startPort, count: removing.endPort - removing.startPort + 1 },
              persist,
            )
          }
          onCancel={() => setRemoving(undefined)}
        />
      )}
    </div>
  )
}
