import type { RuntimeReservation } from '../../../../shared/model'
import { formatSpan, spanContains } from '../../../../shared/ranges'
import { CONNECTED_STATES } from '../../../../shared/connection'
import type { SocketEntry, SocketOwner } from '../../../../shared/sockets'

export type SocketAction =
  | { id: 'why'; label: string }
  | { id: 'end'; label: string; owner: SocketOwner }
  | { id: 'close'; label: string }
  | { id: 'release'; label: string; token: string }
  | { id: 'copy'; label: string }

export interface ActionContext {
  /** This Portwarden's pid: its own sockets are released, never ended. */
  ourPid?: number
  ours: readonly RuntimeReservation[]
}

/** Our reservation this socket belongs to, if it is one of the sockets holding our blocks. */
export function ourBlockOf(s: SocketEntry, c: ActionContext): RuntimeReservation | undefined {
  if (c.ourPid === undefined || !s.owners.some((o) => o.pid === c.ourPid)) return undefined
  return c.ours.find((r) => r.protocol === s.protocol && spanContains(r, s.localPort))
}

/** What can be done with one socket row, in menu order. */
export function socketActions(s: SocketEntry, c: ActionContext): SocketAction[] {
  const name = `${s.protocol.toUpperCase()} ${s.localPort}`
  const actions: SocketAction[] = [{ id: 'why', label: `Why can't I bind ${name}?` }]
  const block = ourBlockOf(s, c)
  if (block)
    actions.push({
      id: 'release',
      label: `Release block ${formatSpan(block)}`,
      token: block.token,
    })
  const others = s.owners.filter((o) => o.pid !== c.ourPid)
  for (const owner of others)
    actions.push({
      id: 'end',
      owner,
      label: others.length === 1 ? 'End process…' : `End ${owner.name} (${owner.pid})…`,
    })
  if (CONNECTED_STATES.has(s.state)) actions.push({ id: 'close', label: 'Close connection' })
  actions.push({ id: 'copy', label: 'Copy row' })
  return actions
}
