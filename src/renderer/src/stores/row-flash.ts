/**
 * Which rows changed in the last pushes, so tables can flash them as TCPView does: green for
 * added, amber for changed, and a red fade for a row that went away. Kept in the stores as
 * plain data (a stamp per row key) rather than in the tables, so a table never re-mounts to
 * flash a row, and a row scrolled out of view and back keeps its stamp.
 */

export type FlashKind = 'added' | 'changed'

export interface RowFlash {
  kind: FlashKind
  /** Date.now() when the push arrived. */
  at: number
  /** Which push: consecutive pushes alternate parity, which restarts the CSS animation. */
  seq: number
}

/** A row that went away, kept for a moment so it can fade out where it was. */
export interface Ghost<T> {
  key: string
  row: T
  at: number
  /** Where the row was in its list, so it fades in place rather than at the end. */
  index: number
}

/** How long a flash lasts: the animations in components/row-flash.css take as long. */
export const FLASH_MS = 1600
/** How long a removed row stays, fading. */
export const GHOST_MS = 1200

/**
 * Stamps older than this are dropped; a little longer than the animation, so none is cut.
 * Stores drop them on a timer too: a table mounted (or a row scrolled in) later must not
 * flash a change that is long past.
 */
export const KEEP_MS = FLASH_MS + 400

let pushSeq = 0
/** A new number per push, shared by every store: parity alternates between two pushes. */
export const nextSeq = (): number => ++pushSeq

/** `prev` without stale stamps, plus one for each added and changed key. */
export function stampFlashes(
  prev: ReadonlyMap<string, RowFlash>,
  added: Iterable<string>,
  changed: Iterable<string>,
  now: number,
  seq: number,
): ReadonlyMap<string, RowFlash> {
  const next = new Map<string, RowFlash>()
  for (const [key, flash] of prev) if (now - flash.at < KEEP_MS) next.set(key, flash)
  for (const key of added) next.set(key, { kind: 'added', at: now, seq })
  for (const key of changed) next.set(key, { kind: 'changed', at: now, seq })
  return next
}

/** `flashes` without the stamps that are past (the same map when none is). */
export function pruneFlashes(
  flashes: ReadonlyMap<string, RowFlash>,
  now: number,
): ReadonlyMap<string, RowFlash> {
  let stale = false
  for (const f of flashes.values()) if (now - f.at >= KEEP_MS) stale = true
  if (!stale) return flashes
  return new Map([...flashes].filter(([, f]) => now - f.at < KEEP_MS))
}

/** Ghosts still fading, without any whose key is live again (React keys must stay unique). */
export function liveGhosts<T>(
  ghosts: readonly Ghost<T>[],
  now: number,
  isLive: (key: string) => boolean,
): Ghost<T>[] {
  return ghosts.filter((g) => now - g.at < GHOST_MS && !isLive(g.key))
}

/** What changed between two whole lists (runtime and watch pushes carry whole lists). */
export function listChanges<T>(
  before: readonly T[],
  after: readonly T[],
  keyOf: (row: T) => string,
  differs: (a: T, b: T) => boolean = () => false,
): { added: string[]; changed: string[]; removed: { key: string; row: T; index: number }[] } {
  const old = new Map(before.map((row, index) => [keyOf(row), { row, index }]))
  const added: string[] = []
  const changed: string[] = []
  for (const row of after) {
    const key = keyOf(row)
    const prev = old.get(key)
    if (!prev) added.push(key)
    else if (differs(prev.row, row)) changed.push(key)
    old.delete(key)
  }
  const removed = [...old].map(([key, { row, index }]) => ({ key, row, index }))
  return { added, changed, removed }
}

/** `rows` with the ghosts put back where they were, each marked, for small lists. */
export function withGhosts<T>(
  rows: readonly T[],
  ghosts: readonly Ghost<T>[],
): { row: T; ghost: boolean }[] {
  const out = rows.map((row) => ({ row, ghost: false }))
  for (const g of [...ghosts].sort((a, b) => a.index - b.index)) {
    out.splice(Math.min(g.index, out.length), 0, { row: g.row, ghost: true })
  }
  return out
}
