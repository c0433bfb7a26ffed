import type { PortVerdict, VerdictReason } from '../../../../shared/verdict'
import type { SocketOwner } from '../../../../shared/sockets'

/** The reason that explains a verdict best: the first blocking one, else the first. */
export const mainReason = (v: PortVerdict): VerdictReason =>
  v.reasons.find((r) => r.blocking) ?? v.reasons[0]!

/** What a verdict lets the user do about its port. */
export interface VerdictActions {
  /** Processes to end (socket owners other than this Portwarden). */
  end: SocketOwner[]
  /** Our own block holding it. */
  release?: string
}

export function verdictActions(v: PortVerdict, ourPid: number | undefined): VerdictActions {
  const end = new Map<number, SocketOwner>()
  let release: string | undefined
  for (const r of v.reasons) {
    if (!r.blocking) continue
    if (r.code === 'ours' && r.token) release = r.token
    for (const o of r.owners ?? []) if (o.pid !== ourPid) end.set(o.pid, o)
  }
  return { end: [...end.values()], release }
}
