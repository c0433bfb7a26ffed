import { create } from 'zustand'
import type { ReserveFormValues } from '../features/reserve/reserve-form-model'

interface ReserveFormState {
  values: ReserveFormValues
  /** Set once the user (or the map) has put something in: only then are field errors shown. */
  touched: boolean
  /** Bumped when the map fills the form, so the form can flash the fields it changed. */
  prefilledSeq: number
}

const initial: ReserveFormValues = { protocol: 'tcp', anyBlock: true, startPort: '', count: '10' }

/**
 * The Reserve form's fields, in a store rather than in the form, because the port map reads
 * the protocol (it draws that protocol's port space) and fills the fields from a drag.
 */
export const useReserveFormStore = create<ReserveFormState>()(() => ({
  values: initial,
  touched: false,
  prefilledSeq: 0,
}))

export function updateReserveForm(patch: Partial<ReserveFormValues>): void {
  useReserveFormStore.setState((s) => ({ values: { ...s.values, ...patch }, touched: true }))
}

/** A specific block from the map: the protocol stays, "any free block" is turned off. */
export function prefillReserveForm(startPort: number, count: number): void {
  useReserveFormStore.setState((s) => ({
    values: { ...s.values, anyBlock: false, startPort: String(startPort), count: String(count) },
    touched: true,
    prefilledSeq: s.prefilledSeq + 1,
  }))
}
