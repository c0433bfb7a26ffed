/**
 * A value read once synchronously, then kept fresh in the background: after `ttlMs` the next
 * call still answers at once with the value it has and starts `readAsync`, whose result the
 * calls after it see. Only the first call (or the first after `invalidate()`, after a change
 * Portwarden made itself) waits for `readSync`. For Windows' ranges: eight netsh runs that
 * must not block the poller on every reading.
 *
 * A failure is kept too, and thrown at once by every call until a read succeeds: retried in the
 * background after `ttlMs`, never synchronously again. A netsh that fails (Wine's prints
 * nothing) would otherwise be run, blocking, by every poll, and one that hangs until its
 * timeout would stall each reading until the watchdog killed the inventory worker.
 */
export function refreshing<T>(
  readSync: () => T,
  readAsync: () => Promise<T>,
  ttlMs: number,
  now: () => number = Date.now,
): { (): T; invalidate(): void; refresh(): Promise<T> } {
  let value: { at: number; data: T } | undefined
  let failure: { at: number; error: unknown } | undefined
  let inflight: Promise<T> | undefined
  let generation = 0
  const refresh = (): Promise<T> => {
    if (inflight) return inflight
    const mine = generation
    const started = now()
    inflight = readAsync().then(
      (data) => {
        inflight = undefined
        if (mine === generation) [value, failure] = [{ at: started, data }, undefined]
        return data
      },
      (error: unknown) => {
        inflight = undefined
        // Forget the old value: the calls after this report the failure.
        if (mine === generation) [value, failure] = [undefined, { at: started, error }]
        throw error
      },
    )
    return inflight
  }
  const get = (): T => {
    if (value) {
      if (now() - value.at >= ttlMs && !inflight) refresh().catch(() => {})
      return value.data
    }
    if (failure) {
      if (now() - failure.at >= ttlMs && !inflight) refresh().catch(() => {})
      throw failure.error
    }
    const at = now()
    try {
      value = { at, data: readSync() }
    } catch (error) {
      failure = { at, error }
      throw error
    }
    return value.data
  }
  const invalidate = () => {
    generation++
    inflight = undefined
    value = undefined
    failure = undefined
  }
  return Object.assign(get, { invalidate, refresh })
}
