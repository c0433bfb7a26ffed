import { create } from 'zustand'
import type { HolderRecord } from '../../../shared/holders'
import { ipc } from '../ipc/client'
import { useInventoryStore } from './inventory-store'

interface HoldersState {
  /** Other running Portwardens and their blocks. */
  others: HolderRecord[]
  /** False where main cannot list them (no `runtime:others` channel): the map says so. */
  supported: boolean
}

export const useHoldersStore = create<HoldersState>()(() => ({ others: [], supported: false }))

let started = false
let inFlight = false

function refresh(): void {
  if (inFlight) return
  inFlight = true
  ipc
    .otherHolders()
    .then(
      (others) => useHoldersStore.setState({ others: others ?? [], supported: Boolean(others) }),
      () => undefined, // a failed read keeps the last list; the next change tries again
    )
    .finally(() => (inFlight = false))
}

/**
 * Other holders announce their blocks in files, not pushes. Their sockets do show up in the
 * inventory, though, so a new inventory reading is the moment to read the list again.
 */
export function startHoldersSync(): void {
  if (started) return
  started = true
  refresh()
  useInventoryStore.subscribe((s, prev) => {
    if (s.status !== prev.status && useHoldersStore.getState().supported) refresh()
  })
}
