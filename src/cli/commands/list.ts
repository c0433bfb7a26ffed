import { holderDirectory, readHolders } from '../../main/services/holder-files'
import type { CommandRun } from '../command'
import { printJson, reservationCells, reservationHeader, table } from '../output'
import { out } from '../stdio'

export const run: CommandRun = ({ json }) => {
  const holders = readHolders(holderDirectory())
  if (json) {
    printJson(holders)
    return 0
  }
  const rows = holders.flatMap((h) =>
    h.reservations.map((r) => [String(h.pid), h.holder, ...reservationCells(r)]),
  )
  out(
    rows.length
      ? table(['PID', 'HOLDER', ...reservationHeader], rows)
      : 'No runtime reservations are held by any running Portwarden.',
  )
  return 0
}
