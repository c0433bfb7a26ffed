import { useState } from 'react'
import type { ReservedRange } from '../../../../shared/inventory'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { rangeText } from '../inventory/range-key'
import { PERSIST_FILE } from './elevation'

interface Props {
  range: ReservedRange
  busy: boolean
  onConfirm(persist: boolean): void
  onCancel(): void
}

/** "Delete reserved range 40000–40019?", naming the range and what deleting it changes. */
export function RemoveRangeDialog({ range, busy, onConfirm, onCancel }: Props) {
  const [persist, setPersist] = useState(false)
  return (
    <ConfirmDialog
      title={`Delete reserved range ${rangeText(range)}?`}
      confirmLabel="Delete range"
      busy={busy}
      onConfirm={() => onConfirm(persist)}
      onCancel={onCancel}
    >
      <p>
        Bind(0) and outgoing connections may take ports {rangeText(range)} again. Nothing that holds
        one of them now is affected.
      </p>
      <label className="checkbox">
        <input type="checkbox" checked={persist} onChange={(e) => setPersist(e.target.checked)} />
        Also remove it from {PERSIST_FILE} (after a reboot)
      </label>
    </ConfirmDialog>
  )
}
