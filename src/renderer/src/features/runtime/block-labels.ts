import { create } from 'zustand'
import { blockKey } from '../../../../shared/block-key'
import type { BlockLabels } from '../../../../shared/block-labels'
import type { RuntimeReservation } from '../../../../shared/model'
import { describeError, ipc, type UiError } from '../../ipc/client'

interface LabelsState {
  labels: BlockLabels
  error?: UiError
}

/** Block labels (kept by main in the settings file), loaded once, replaced by each answer. */
export const useBlockLabels = create<LabelsState>()(() => ({ labels: {} }))

let loaded = false
export function loadBlockLabels(): void {
  if (loaded) return
  loaded = true
  ipc.listLabels().then(
    (labels) => useBlockLabels.setState({ labels }),
    (err: unknown) => useBlockLabels.setState({ error: describeError(err) }),
  )
}

export const labelOf = (labels: BlockLabels, r: RuntimeReservation): string =>
  labels[blockKey(r)] ?? ''

export async function saveLabel(r: RuntimeReservation, label: string): Promise<void> {
  try {
    const labels = await ipc.setLabel({
      protocol: r.protocol,
      startPort: r.startPort,
      count: r.count,
      label,
    })
    useBlockLabels.setState({ labels, error: undefined })
  } catch (err) {
    useBlockLabels.setState({ error: describeError(err) })
  }
}
