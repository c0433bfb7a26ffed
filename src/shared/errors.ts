import type { z } from 'zod'
import { PortwardenError, type ErrorInfo } from './portwarden-error'

// The error type and its kinds live in portwarden-error.ts, free of zod at run time, so code
// that only throws or reports errors (the CLI's start-up, the renderer) loads no schema library.
// Their zod schemas are in error-schemas.ts.
export { ERROR_KINDS, PortwardenError, toErrorInfo } from './portwarden-error'
export type { ErrorInfo, ErrorKind } from './portwarden-error'

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo }

/** Turns zod issues into one readable message plus a detail line per issue. */
export function invalidInput(issues: readonly z.core.$ZodIssue[]): PortwardenError {
  const first = issues[0]
  const where = (i: z.core.$ZodIssue) => (i.path.length ? `${i.path.join('.')}: ` : '')
  return new PortwardenError(
    'invalid-input',
    first ? first.message : 'The request is not valid.',
    issues.map((i) => `${where(i)}${i.message}`).join('\n'),
  )
}
