import { useMemo } from 'react'
import type { SocketEntry } from '../../../../shared/sockets'
import type { SocketsChange } from '../../stores/inventory-merge'
import type { Ghost } from '../../stores/row-flash'
import type { SocketColumnId } from './socket-columns'
import { socketRows, updateSocketRows, type SocketView } from './socket-rows'

interface Built {
  ghosts: readonly Ghost<SocketEntry>[]
  viewKey: string
  rows: SocketEntry[]
}

/**
 * Rows built for each `sockets` array, so the next array (whose change log names this one as
 * `from`) can start from them. Weak: an array nobody shows any more takes its rows with it.
 */
const built = new WeakMap<readonly SocketEntry[], Built>()

/**
 * The rows for `sockets` plus fading ghosts, filtered and sorted for `view`: updated from the
 * rows of the array before when the store's change log links the two and the view is the
 * same (only the sockets that changed are taken out and put back, by binary search); built
 * whole otherwise (a new filter or sort, a resume after pause).
 */
export function rowsFor(
  sockets: readonly SocketEntry[],
  change: SocketsChange | undefined,
  ghosts: readonly Ghost<SocketEntry>[],
  view: SocketView,
): SocketEntry[] {
  const viewKey = JSON.stringify([view.query, view.protocol, view.sort])
  const same = built.get(sockets)
  if (same && same.viewKey === viewKey && same.ghosts === ghosts) return same.rows
  const base = same?.viewKey === viewKey ? same : change && built.get(change.from)
  let rows: SocketEntry[]
  if (base && base.viewKey === viewKey) {
    const out: SocketEntry[] = []
    const into: SocketEntry[] = []
    if (base !== same && change) {
      out.push(...change.removed, ...change.replaced)
      into.push(...change.entered)
    }
    // Ghosts are rows too (a removed socket fades where it was): follow their list as well.
    const before = new Set(base.ghosts.map((g) => g.row))
    const after = new Set(ghosts.map((g) => g.row))
    for (const row of before) if (!after.has(row)) out.push(row)
    for (const row of after) if (!before.has(row)) into.push(row)
    rows = updateSocketRows(base.rows, out, into, view)
  } else {
    rows = socketRows(ghosts.length ? [...sockets, ...ghosts.map((g) => g.row)] : sockets, view)
  }
  built.set(sockets, { ghosts, viewKey, rows })
  return rows
}

/** rowsFor, memoized on its inputs for the sockets table. */
export function useSocketRows(
  sockets: readonly SocketEntry[],
  change: SocketsChange | undefined,
  ghosts: readonly Ghost<SocketEntry>[],
  query: string,
  protocol: string,
  sort: { id: SocketColumnId; desc: boolean } | undefined,
): SocketEntry[] {
  const sortId = sort?.id
  const desc = sort?.desc ?? false
  return useMemo(
    () =>
      rowsFor(sockets, change, ghosts, {
        query,
        protocol,
        sort: sortId && { id: sortId, desc },
      }),
    [sockets, change, ghosts, query, protocol, sortId, desc],
  )
}
