import { createAppServices } from '../../main/services/app-services'
import { printJson, table } from '../output'
import type { Command } from '../command'

export const rangesCommand: Command = {
  name: 'ranges',
  summary: 'Show reserved/excluded port ranges and the dynamic range',
  usage: 'portwarden ranges [--json]',
  options: {},
  run({ json }) {
    const { backend } = createAppServices()
    const reserved = backend.reservedRanges()
    const dynamic = backend.dynamicRanges()
    if (json) {
      printJson({ reserved, dynamic })
      return 0
    }
    const protocols = (p: string[]) => p.map((x) => x.toUpperCase()).join('+')
    console.log('Reserved ranges')
    console.log(
      reserved.length
        ? table(
            ['PORTS', 'PROTO', 'KIND', 'ORIGIN'],
            reserved.map((r) => [
              `${r.startPort}-${r.endPort}`,
              protocols(r.protocols),
              r.administered ? 'administered' : 'system',
              r.origin,
            ]),
          )
        : '  (none)',
    )
    console.log('\nDynamic range')
    console.log(
      table(
        ['PORTS', 'PROTO', 'ORIGIN'],
        dynamic.map((d) => [`${d.startPort}-${d.endPort}`, protocols(d.protocols), d.origin]),
      ),
    )
    return 0
  },
}
