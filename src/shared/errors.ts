import { z } from 'zod'

/** Every way a Portwarden call can fail, as the renderer and the CLI see it. */
export const ErrorKind = z.enum([
  'invalid-input',
  'port-in-use',
  'permission-denied',
  'not-found',
  'already-released',
  'no-free-block',
  'resource-exhausted',
  'not-supported',
  'forbidden-sender',
  'internal',
])
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

/** An error that carries its kind across the IPC boundary and to the CLI. */
export class PortwardenError extends Error {
  readonly kind: ErrorKind
  readonly detail?: string

  constructor(kind: ErrorKind, message: string, detail?: string) {
    super(message)
    this.name = 'PortwardenError'
    this.kind = kind
    this.detail = detail
  }

  toInfo(): ErrorInfo {
    return this.detail === undefined
      ? { kind: this.kind, message: this.message }
      : { kind: this.kind, message: this.message, detail: this.detail }
  }

  static fromInfo(info: ErrorInfo): PortwardenError {
    return new PortwardenError(info.kind, info.message, info.detail)
  }
}

/** Any thrown value as an ErrorInfo; unknown errors become 'internal' with their text as detail. */
export function toErrorInfo(err: unknown): ErrorInfo {
  if (err instanceof PortwardenError) return err.toInfo()
  const detail = err instanceof Error ? (err.stack ?? err.message) : String(err)
  return { kind: 'internal', message: 'Portwarden hit an unexpected error.', detail }
}

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
