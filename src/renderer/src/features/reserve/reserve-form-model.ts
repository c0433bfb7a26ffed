import { ReserveRequest, type Protocol } from '../../../../shared/model'

export interface ReserveFormValues {
  protocol: Protocol
  anyBlock: boolean
  startPort: string
  count: string
}

export type FieldErrors = Partial<Record<'startPort' | 'count', string>>

const toNumber = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text))

/**
 * Checks the form with the same schema main enforces, so the inline message and the boundary
 * always agree. Returns the request, or a message per field.
 */
export function validateReserveForm(
  v: ReserveFormValues,
): { ok: true; request: ReserveRequest } | { ok: false; errors: FieldErrors } {
  const r = ReserveRequest.safeParse({
    protocol: v.protocol,
    startPort: v.anyBlock ? 0 : toNumber(v.startPort),
    count: toNumber(v.count),
  })
  if (r.success) {
    if (!v.anyBlock && r.data.startPort === 0) {
      return { ok: false, errors: { startPort: 'Enter a start port from 1 to 65535' } }
    }
    return { ok: true, request: r.data }
  }
  const errors: FieldErrors = {}
  for (const issue of r.error.issues) {
    const field = issue.path[0]
    if ((field === 'startPort' || field === 'count') && !errors[field])
      errors[field] = issue.message
  }
  return { ok: false, errors }
}
