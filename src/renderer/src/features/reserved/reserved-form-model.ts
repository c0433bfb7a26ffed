import { reservedChangeIssues } from '../../../../shared/form-checks'
import type { ReservedChange } from '../../../../shared/reserved-change'

export interface ReservedFormValues {
  startPort: string
  count: string
  persist: boolean
}

const toNumber = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text))

/** The form checked with the rules main's schema enforces (shared/form-checks.ts). */
export function validateReservedForm(
  v: ReservedFormValues,
):
  | { ok: true; change: ReservedChange }
  | { ok: false; errors: Partial<Record<'startPort' | 'count', string>> } {
  const change = { startPort: toNumber(v.startPort), count: toNumber(v.count), persist: v.persist }
  const errors = reservedChangeIssues(change.startPort, change.count)
  return errors.startPort || errors.count ? { ok: false, errors } : { ok: true, change }
}
