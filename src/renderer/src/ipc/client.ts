import { PortwardenError, type Result } from '../../../shared/errors'

/**
 * The only module that touches `window.api`: unwraps result envelopes into values or
 * PortwardenErrors, so components deal in plain async functions.
 */
async function unwrap<T>(pending: Promise<Result<T>>): Promise<T> {
  const r = await pending
  if (r.ok) return r.value
  throw PortwardenError.fromInfo(r.error)
}

export const ipc = {
  appInfo: () => unwrap(window.api.app.info()),
  listRuntime: () => unwrap(window.api.runtime.list()),
  reserve: (...args: Parameters<typeof window.api.runtime.reserve>) =>
    unwrap(window.api.runtime.reserve(...args)),
  release: (token: string) => unwrap(window.api.runtime.release({ token })),
  releaseAll: () => unwrap(window.api.runtime.releaseAll()),
  onRuntimeChanged: (...args: Parameters<typeof window.api.events.onRuntimeChanged>) =>
    window.api.events.onRuntimeChanged(...args),
}

/** Any caught value as an ErrorInfo-like object for display. */
export function describeError(err: unknown): { kind: string; message: string; detail?: string } {
  if (err instanceof PortwardenError)
    return { kind: err.kind, message: err.message, detail: err.detail }
  return { kind: 'internal', message: err instanceof Error ? err.message : String(err) }
}
