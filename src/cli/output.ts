import type { RuntimeReservation } from '../shared/model'
import { formatSpan } from '../shared/ranges'

export { table } from './terminal'
export { printJson } from './stdio'

export const reservationCells = (r: RuntimeReservation): string[] => [
  formatSpan(r),
  r.protocol.toUpperCase(),
  String(r.count),
  r.token,
  r.acquiredAt,
]
export const reservationHeader = ['PORTS', 'PROTO', 'COUNT', 'TOKEN', 'ACQUIRED']
