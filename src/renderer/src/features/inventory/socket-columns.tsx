import type { ReactNode } from 'react'
import type { SocketEntry } from '../../../../shared/sockets'
import { ownersLabel, protocolLabel, remoteEnd, stateLabel, usersLabel } from './socket-format'

/**
 * Each column's value, by column id: what a cell shows and what sorting compares. Strings or
 * numbers only, so socket-rows.ts can sort with plain < and >.
 */
export const socketValues = {
  protocol: protocolLabel,
  localAddress: (s: SocketEntry) => s.localAddress,
  localPort: (s: SocketEntry) => s.localPort,
  remote: remoteEnd,
  state: (s: SocketEntry) => stateLabel(s.state),
  owner: ownersLabel,
  user: usersLabel,
} satisfies Record<string, (s: SocketEntry) => string | number>

export type SocketColumnId = keyof typeof socketValues

/** Each column's classes for its <th> and <td>: width (the table has a fixed layout), alignment. */
export const columnClass: Record<SocketColumnId, string> = {
  protocol: 'col-protocol',
  localAddress: 'col-address',
  localPort: 'col-port num',
  remote: 'col-address',
  state: 'col-state',
  owner: 'col-owner',
  user: 'col-user',
}

const dash = <span className="muted">—</span>

/**
 * What each cell shows, straight from the socket: a row is a pure function of its socket
 * and can be memoized.
 */
export const socketCells: Record<SocketColumnId, (s: SocketEntry) => ReactNode> = {
  protocol: protocolLabel,
  localAddress: (s) => s.localAddress,
  localPort: (s) => s.localPort,
  remote: (s) => remoteEnd(s) || dash,
  state: (s) => <span className={`state state-${s.state}`}>{stateLabel(s.state)}</span>,
  owner: (s) => ownersLabel(s) || dash,
  user: usersLabel,
}

/** The "Ports in use" columns, in order, with their header labels. */
export const socketColumns: readonly { id: SocketColumnId; header: string }[] = [
  { id: 'protocol', header: 'Protocol' },
  { id: 'localAddress', header: 'Local address' },
  { id: 'localPort', header: 'Local port' },
  { id: 'remote', header: 'Remote end' },
  { id: 'state', header: 'State' },
  { id: 'owner', header: 'Owner' },
  { id: 'user', header: 'User' },
]

export const socketColumnIds = socketColumns.map((c) => c.id)
