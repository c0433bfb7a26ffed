/**
 * The error type that carries its kind across the IPC boundary and to the CLI. Free of zod, so
 * the CLI's start-up (`--version`, `--help`, usage errors) loads no schema library; the zod
 * schemas for the same shapes live in errors.ts.
 */
export const ERROR_KINDS = [
  'invalid-input',
  'port-in-use',
  'permission-denied',
  'not-found',
  'already-released',
  'no-free-block',
  'resource-exhausted',
  'not-supported',
  'forbidden-sender',
  'cancelled', // the user said no to a confirmation in main (a host change); nothing changed
  'internal',
] as const
export type ErrorKind = (typeof ERROR_KINDS)[number]

export interface ErrorInfo {
  kind: ErrorKind
  /** One sentence a user understands. */
  message: string
  /** Technical detail: errno, failing port, schema issues. */
  detail?: string
}

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
