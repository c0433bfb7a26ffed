import { z } from 'zod'
import { ERROR_KINDS, PortwardenError } from './portwarden-error'

export { PortwardenError, toErrorInfo } from './portwarden-error'

/** Every way a Portwarden call can fail, as the renderer and the CLI see it. */
export const ErrorKind = z.enum(ERROR_KINDS)
export type ErrorKind = z.infer<typeof ErrorKind>

export const ErrorInfo = z.strictObject({
  kind: ErrorKind,
  /** One sentence a user understands. */
  message: z.string(),
  /** Technical detail: errno, failing port, schema issues. */
  detail: z.string().optional(),
})
export type ErrorInfo = z.infer<typeof ErrorInfo>

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo }

export const resultSchema = <T extends z.ZodType>(value: T) =>
  z.discriminatedUnion('ok', [
    z.strictObject({ ok: z.literal(true), value }),
    z.strictObject({ ok: z.literal(false), error: ErrorInfo }),
  ])

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
