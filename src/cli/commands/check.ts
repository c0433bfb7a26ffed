import { createAppServices } from '../../main/services/app-services'
import { printJson } from '../output'
import type { Command } from '../command'

export const checkCommand: Command = {
  name: 'check',
  summary: 'Say whether ports can be bound, and why not (exit 0 all bindable, 1 any not)',
  usage: 'portwarden check 3000,5432,8000-8100 [--protocol tcp|udp] [--json]',
  options: { protocol: { type: 'string', default: 'tcp' } },
  run({ json, values, positionals }) {
    const services = createAppServices()
    const verdicts = services.verdicts.check({
      protocol: values['protocol'] as 'tcp',
      ports: positionals.join(','),
    })
    if (json) printJson(verdicts)
    else {
      for (const v of verdicts) {
        console.log(
          `${v.protocol.toUpperCase()} ${v.port}: ${v.bindable ? 'bindable' : 'NOT bindable'}`,
        )
        for (const r of v.reasons) {
          console.log(`  - ${r.message}`)
          if (r.fix) console.log(r.fix.replace(/^/gm, '      '))
        }
      }
    }
    return verdicts.every((v) => v.bindable) ? 0 : 1
  },
}
