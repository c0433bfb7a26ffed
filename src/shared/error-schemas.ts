import { z } from 'zod'
import { ERROR_KINDS } from './portwarden-error'

/** Every way a Portwarden call can fail, as the renderer and the CLI see it. */
export const ErrorKind = z.enum(ERROR_KINDS)

/** The error half of every IPC answer, checked where answers are validated (tests, fuzzing). */
export const ErrorInfo = z.strictObject({
  kind: ErrorKind,
  /** One sentence a user understands. */
  message: z.string(),
  /** Technical detail: errno, failing port, schema issues. */
  detail: z.string().optional(),
})

export const resultSchema = <T extends z.ZodType>(value: T) =>
  z.discriminatedUnion('ok', [
    z.strictObject({ ok: z.literal(true), value }),
    z.strictObject({ ok: z.literal(false), error: ErrorInfo }),
  ])
