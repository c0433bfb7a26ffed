import { createBackend } from '../../main/platform'
import type { CommandRun } from '../command'
import { printJson, table } from '../output'
import { out } from '../stdio'

const protocols = (p: string[]) => p.map((x) => x.toUpperCase()).join('+')

export const run: CommandRun = ({ json }) => {
  const backend = createBackend()
  const reserved = backend.reservedRanges()
  const dynamic = backend.dynamicRanges()
  if (json) {
    printJson({ reserved, dynamic })
    return 0
  }
  const reservedTable = reserved.length
    ? table(
        ['PORTS', 'PROTO', 'KIND', 'ORIGIN'],
        reserved.map((r) => [
          `${r.startPort}-${r.endPort}`,
          protocols(r.protocols),
          r.administered ? 'administered' : 'system',
          r.origin,
        ]),
      )
    : '  (none)'
  const dynamicTable = table(
    ['PORTS', 'PROTO', 'ORIGIN'],
    dynamic.map((d) => [`${d.startPort}-${d.endPort}`, protocols(d.protocols), d.origin]),
  )
  out(`Reserved ranges\n${reservedTable}\n\nDynamic range\n${dynamicTable}`)
  return 0
}
