import type { Protocol } from '../../shared/model'
import type { PortVerdict } from '../../shared/verdict'
import { createAppServices } from '../../main/services/app-services'
import type { CommandRun } from '../command'
import { printJson } from '../output'
import { out } from '../stdio'
import { visible } from '../terminal'

function render(verdicts: PortVerdict[]): string {
  const lines: string[] = []
  for (const v of verdicts) {
    lines.push(`${v.protocol.toUpperCase()} ${v.port}: ${v.bindable ? 'bindable' : 'NOT bindable'}`)
    for (const r of v.reasons) {
      lines.push(`  - ${visible(r.message)}`)
      if (r.fix) for (const l of r.fix.split('\n')) lines.push(`      ${visible(l)}`)
    }
  }
  return lines.join('\n')
}

export const run: CommandRun = ({ json, values, positionals }) => {
  const services = createAppServices()
  const asked = values['protocol'] as Protocol | 'both'
  const protocols: Protocol[] = asked === 'both' ? ['tcp', 'udp'] : [asked]
  const ports = positionals.join(',')
  const verdicts = protocols.flatMap((protocol) => services.verdicts.check({ protocol, ports }))
  if (json) printJson(verdicts)
  else out(render(verdicts))
  return verdicts.every((v) => v.bindable) ? 0 : 1
}
