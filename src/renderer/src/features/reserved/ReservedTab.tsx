import { useState } from 'react'
import type { ReservedRange } from '../../../../shared/inventory'
import { ErrorNote } from '../../components/ErrorNote'
import { describeError, ipc, type UiError } from '../../ipc/client'
import { useAppInfoStore } from '../../stores/app-info-store'
import { ReservedRangesTable } from '../inventory/ReservedRangesTable'
import { RemoveRangeDialog } from './RemoveRangeDialog'
import { ReservedRangeEditor } from './ReservedRangeEditor'
import './reserved-edit.css'

/**
 * The "Reserved ranges" tab: the live list, an Add form, and Delete (after a confirmation
 * naming the range) on ranges an administrator set. Without privileges both are disabled and
 * say how to get them.
 */
export function ReservedTab() {
  const privileged = useAppInfoStore((s) => s.info?.privileged ?? false)
  const [removing, setRemoving] = useState<ReservedRange>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<UiError>()

  async function remove(range: ReservedRange, persist: boolean) {
    setBusy(true)
    setError(undefined)
    try {
      const count = range.endPort - range.startPort + 1
      await ipc.removeReserved({ startPort: range.startPort, count, persist })
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
      <ReservedRangesTable
        onDelete={setRemoving}
        deleteDisabledBy={privileged ? undefined : 'elevate-note'}
      />
      {removing && (
        <RemoveRangeDialog
          range={removing}
          busy={busy}
          onConfirm={(persist) => void remove(removing, persist)}
          onCancel={() => setRemoving(undefined)}
        />
      )}
    </div>
  )
}
