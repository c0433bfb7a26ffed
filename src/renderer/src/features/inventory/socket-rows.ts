import type { SocketEntry } from '../../../../shared/sockets'
import { socketMatches } from './socket-filter'
import { socketValues, type SocketColumnId } from './socket-columns'

export interface SocketView {
  query: string
  /** 'tcp', 'udp', or '' for both. */
  protocol: string
  sort?: { id: SocketColumnId; desc: boolean }
}

const compare = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0)

/** Whether a socket passes the view's filters. */
function matcher(view: SocketView): ((s: SocketEntry) => boolean) | undefined {
  const query = view.query.trim()
  if (!query && !view.protocol) return undefined
  return (s) =>
    (!view.protocol || s.protocol === view.protocol) && (!query || socketMatches(s, query))
}

/**
 * The view's order on two sort values and local ports: blank cells (no peer, no visible owner)
 * last either way, as the least telling; then the column, then the local port.
 */
function order(direction: number) {
  return (va: string | number, vb: string | number, pa: number, pb: number) => {
    if ((va === '') !== (vb === '')) return va === '' ? 1 : -1
    return direction * compare(va, vb) || pa - pb
  }
}

/**
 * The rows "Ports in use" shows, filtered and sorted: each sort value computed once and an
 * index array sorted, tens of milliseconds for 65,536 sockets (a table library's row models
 * built an object per socket: over a second, mostly garbage collection).
 */
export function socketRows(sockets: readonly SocketEntry[], view: SocketView): SocketEntry[] {
  const matches = matcher(view)
  const rows = matches ? sockets.filter(matches) : [...sockets]
  if (!view.sort) return rows
  const value: (s: SocketEntry) => string | number = socketValues[view.sort.id]
  const values = rows.map(value)
  const cmp = order(view.sort.desc ? -1 : 1)
  const indexes = rows.map((_, i) => i)
  indexes.sort((a, b) => cmp(values[a]!, values[b]!, rows[a]!.localPort, rows[b]!.localPort))
  return indexes.map((i) => rows[i]!)
}

/**
 * `rows` (socketRows' answer for `view`) after some sockets left (`out`) and others came in
 * (`into`): each one found or placed by binary search, so a push that changes one socket of
 * 65,536 costs microseconds instead of a new filter-and-sort. Returns a new array.
 */
export function updateSocketRows(
  rows: readonly SocketEntry[],
  out: readonly SocketEntry[],
  into: readonly SocketEntry[],
  view: SocketView,
): SocketEntry[] {
  const next = rows.slice()
  const matches = matcher(view)
  const sort = view.sort
  const value: ((s: SocketEntry) => string | number) | undefined = sort && socketValues[sort.id]
  const cmp = sort && order(sort.desc ? -1 : 1)
  /** First position whose row does not sort before `s` (`after`: that sorts after it). */
  const bound = (s: SocketEntry, after: boolean) => {
    const v = value!(s)
    let [lo, hi] = [0, next.length]
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      const c = cmp!(value!(next[mid]!), v, next[mid]!.localPort, s.localPort)
      if (c < 0 || (after && c === 0)) lo = mid + 1
      else hi = mid
    }
    return lo
  }
  for (const s of out) {
    let at = -1
    if (cmp) {
      const end = bound(s, true)
      for (let i = bound(s, false); i < end && at < 0; i++) if (next[i] === s) at = i
    }
    if (at < 0) at = next.indexOf(s) // unsorted view, or a row not where its values say
    if (at >= 0) next.splice(at, 1)
  }
  for (const s of into) {
    if (matches && !matches(s)) continue
    if (cmp) next.splice(bound(s, true), 0, s)
    else next.push(s)
  }
  return next
}
