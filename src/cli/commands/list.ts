import { holderDirectory, readHolders } from '../../main/services/holder-files'
import { printJson, reservationCells, reservationHeader, table } from '../output'
import type { Command } from '../command'

export const listCommand: Command = {
  name: 'list',
  summary: 'Show the runtime reservations held by running Portwarden processes',
  usage: 'portwarden list [--json]',
  options: {},
  run({ json }) {
    const holders = readHolders(holderDirectory())
    if (json) {
      printJson(holders)
      return 0
    }
    const rows = holders.flatMap((h) =>
      h.reservations.map((r) => [String(h.pid), h.holder, ...reservationCells(r)]),
    )
    if (rows.length === 0) {
      console.log('No runtime reservations are held by any running Portwarden.')
      return 0
    }
    console.log(table(['PID', 'HOLDER', ...reservationHeader], rows))
    return 0
  },
}
