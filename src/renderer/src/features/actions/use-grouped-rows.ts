import { useMemo } from 'react'
import type { SocketEntry } from '../../../../shared/sockets'
import { useActionsStore } from './actions-store'

/** The process a row is grouped under: its first owner, or none (TIME_WAIT, others' unseen). */
const groupOf = (s: SocketEntry) => {
  const o = s.owners[0]
  return o ? `${o.name}\u0000${String(o.pid).padStart(10, '0')}` : '\uffff'
}

/**
 * Rows grouped by owning process (by name, then pid; sockets without an owner last), keeping
 * the user's sort inside each group, and the first row of each group marked so the table can
 * draw the boundary. Rows pass through untouched while grouping is off.
 */
export function useGroupedRows(rows: SocketEntry[]): {
  rows: SocketEntry[]
  groupStarts: ReadonlySet<SocketEntry>
} {
  const on = useActionsStore((s) => s.groupByProcess)
  return useMemo(() => {
    if (!on) return { rows, groupStarts: new Set() }
    const keyed = rows.map((row, i) => ({ row, i, g: groupOf(row) }))
    keyed.sort((a, b) => (a.g < b.g ? -1 : a.g > b.g ? 1 : a.i - b.i))
    const groupStarts = new Set<SocketEntry>()
    keyed.forEach((k, i) => {
      if (i === 0 || keyed[i - 1]!.g !== k.g) groupStarts.add(k.row)
    })
    return { rows: keyed.map((k) => k.row), groupStarts }
  }, [rows, on])
}
