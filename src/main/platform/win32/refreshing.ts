/**
 * A value read once synchronously, then kept fresh in the background: after `ttlMs` the next
 * call still answers at once with the value it has and starts `readAsync`, whose result the
 * calls after it see. Only the first call (or the first after `invalidate()`, after a change
 * Portwarden made itself, or after a background read failed) waits for `readSync`. For
 * Windows' ranges: eight netsh runs that must not block the main thread on every poll.
 */
export function refreshing<T>(
  readSync: () => T,
  readAsync: () => Promise<T>,
  ttlMs: number,
  now: () => number = Date.now,
): { (): T; invalidate(): void; refresh(): Promise<T> } {
  let value: { at: number; data: T } | undefined
  let inflight: Promise<T> | undefined
  let generation = 0
  const refresh = (): Promise<T> => {
    if (inflight) return inflight
    const mine = generation
    const started = now()
    inflight = readAsync().then(
      (data) => {
        inflight = undefined
        if (mine === generation) value = { at: started, data }
        return data
      },
      (err: unknown) => {
        inflight = undefined
        // Forget the old value: the next call reads synchronously and reports the failure.
        if (mine === generation) value = undefined
        throw err
      },
    )
    return inflight
  }
  const get = (): T => {
    if (!value) value = { at: now(), data: readSync() }
    else if (now() - value.at >= ttlMs && !inflight) refresh().catch(() => {})
    return value.data
  }
  const invalidate = () => {
    generation++
    inflight = undefined
    value = undefined
  }
  return Object.assign(get, { invalidate, refresh })
}
