import { ReservedChange } from '../../../../shared/reserved-change'

export interface ReservedFormValues {
  startPort: string
  count: string
  persist: boolean
}

const toNumber = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text))

/** The form checked with the schema main enforces, so inline messages and main agree. */
export function validateReservedForm(
  v: ReservedFormValues,
):
  | { ok: true; change: ReservedChange }
  | { ok: false; errors: Partial<Record<'startPort' | 'count', string>> } {
  const r = ReservedChange.safeParse({
    startPort: toNumber(v.startPort),
    count: toNumber(v.count),
    persist: v.persist,
  })
  if (r.success) return { ok: true, change: r.data }
  const errors: Partial<Record<'startPort' | 'count', string>> = {}
  for (const issue of r.error.issues) {
    const field = issue.path[0]
    if ((field === 'startPort' || field === 'count') && !errors[field])
      errors[field] = issue.message
  }
  return { ok: false, errors }
}
