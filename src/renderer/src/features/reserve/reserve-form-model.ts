import { reserveIssues } from '../../../../shared/form-checks'
import type { Protocol, ReserveRequest } from '../../../../shared/model'

export interface ReserveFormValues {
  protocol: Protocol
  anyBlock: boolean
  startPort: string
  count: string
}

export type FieldErrors = Partial<Record<'startPort' | 'count', string>>

const toNumber = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text))

/**
 * Checks the form with the rules main's schema enforces (shared/form-checks.ts, held to the
 * schema by its tests), so the inline message and the boundary always agree. Returns the
 * request, or a message per field.
 */
export function validateReserveForm(
  v: ReserveFormValues,
): { ok: true; request: ReserveRequest } | { ok: false; errors: FieldErrors } {
  const request = {
    protocol: v.protocol,
    startPort: v.anyBlock ? 0 : toNumber(v.startPort),
    count: toNumber(v.count),
  }
  const errors = reserveIssues(request.startPort, request.count)
  if (errors.startPort || errors.count) return { ok: false, errors }
  if (!v.anyBlock && request.startPort === 0) {
    return { ok: false, errors: { startPort: 'Enter a start port from 1 to 65535' } }
  }
  return { ok: true, request }
}
