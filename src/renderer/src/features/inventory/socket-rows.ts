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

/**
 * The rows "Ports in use" shows, filtered and sorted. Done here rather than in TanStack's row
 * models: those build a Row object per socket, which at 65,536 sockets costs over a second
 * (mostly garbage collection) on every change. This pass computes each sort value once and
 * sorts an index array, tens of milliseconds for the same count.
 */
export function socketRows(sockets: readonly SocketEntry[], view: SocketView): SocketEntry[] {
  const query = view.query.trim()
  const rows =
    query || view.protocol
      ? sockets.filter(
          (s) =>
            (!view.protocol || s.protocol === view.protocol) && (!query || socketMatches(s, query)),
        )
      : [...sockets]
  if (!view.sort) return rows
  const value: (s: SocketEntry) => string | number = socketValues[view.sort.id]
  const values = rows.map(value)
  const direction = view.sort.desc ? -1 : 1
  const order = rows.map((_, i) => i)
  order.sort((a, b) => {
    const va = values[a]!
    const vb = values[b]!
    // Blank cells (no peer, no visible owner) go last either way: they are the least telling.
    if ((va === '') !== (vb === '')) return va === '' ? 1 : -1
    return direction * compare(va, vb) || rows[a]!.localPort - rows[b]!.localPort
  })
  return order.map((i) => rows[i]!)
}
