/**
 * Remembers `read()`'s answer for `ttlMs`: for facts that are slow to read and rarely change
 * (Windows' ranges come from running netsh several times), so a 1 s inventory poll does not
 * block the main process on them. `invalidate()` forgets it after a change Portwarden made.
 */
export function cached<T>(
  read: () => T,
  ttlMs: number,
  now: () => number = Date.now,
): { (): T; invalidate(): void } {
  let value: { at: number; data: T } | undefined
  const get = () => {
    const t = now()
    if (!value || t - value.at >= ttlMs) value = { at: t, data: read() }
    return value.data
  }
  return Object.assign(get, { invalidate: () => (value = undefined) })
}
