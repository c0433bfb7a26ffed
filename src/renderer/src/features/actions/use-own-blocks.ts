import { useMemo } from 'react'
import type { RuntimeReservation } from '../../../../shared/model'
import type { SocketEntry } from '../../../../shared/sockets'
import { useAppInfoStore } from '../../stores/app-info-store'
import { useRuntimeStore } from '../../stores/runtime-store'
import { useActionsStore } from './actions-store'

/** One of our blocks, and whether its rows are unfolded into the list. */
export interface FoldedBlock {
  block: RuntimeReservation
  unfolded: boolean
}

const holds = (r: RuntimeReservation, s: SocketEntry) =>
  r.protocol === s.protocol && s.localPort >= r.startPort && s.localPort < r.startPort + r.count

/**
 * "Ports in use" without the sockets that hold this Portwarden's own blocks (a 100-port block
 * would be 100 anonymous rows): each block becomes one line above the list that unfolds it.
 * Rows pass through untouched when there is nothing to fold.
 */
export function useOwnBlocks(rows: SocketEntry[]): { rows: SocketEntry[]; folded: FoldedBlock[] } {
  const ourPid = useAppInfoStore((s) => s.info?.pid)
  const ours = useRuntimeStore((s) => s.reservations)
  const hide = useActionsStore((s) => s.hideOwnBlocks)
  const unfolded = useActionsStore((s) => s.unfolded)
  return useMemo(() => {
    if (ourPid === undefined || ours.length === 0) return { rows, folded: [] }
    const folded = ours.map((block) => ({ block, unfolded: !hide || unfolded.has(block.token) }))
    if (!hide) return { rows, folded }
    const hidden = ours.filter((r) => !unfolded.has(r.token))
    const kept = rows.filter(
      (s) => !s.owners.some((o) => o.pid === ourPid) || !hidden.some((r) => holds(r, s)),
    )
    return { rows: kept, folded }
  }, [rows, hide, ourPid, ours, unfolded])
}
