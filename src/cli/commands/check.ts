import { describeIntent } from '../../shared/bind-address'
import type { BindReuse, IntentProtocol } from '../../shared/bind-probe'
import type { PortVerdict } from '../../shared/verdict'
import { summarizeCauses } from '../../shared/verdict-summary'
import { createAppServices } from '../../main/services/app-services'
import type { CommandRun } from '../command'
import { out } from '../stdio'
import { visible } from '../terminal'

/** Up to this many verdicts are printed port by port; more are summarised once per cause. */
const DETAILED = 20
const count = new Intl.NumberFormat('en')

const indent = (text: string, prefix: string) =>
  text
    .split('\n')
    .map((l) => `${prefix}${visible(l)}`)
    .join('\n')

function detailed(verdicts: readonly PortVerdict[]): string[] {
  const lines: string[] = []
  for (const v of verdicts) {
    lines.push(`${v.protocol.toUpperCase()} ${v.port}: ${v.bindable ? 'bindable' : 'NOT bindable'}`)
    for (const r of v.reasons) {
      lines.push(`  - ${visible(r.message)}`)
      if (r.fix) lines.push(indent(r.fix, '      '))
      if (r.tip) lines.push(indent(r.tip, '      to avoid: '))
    }
  }
  return lines
}

/** A long list: the totals, then each distinct cause once with the ports it covers. */
function summarised(verdicts: readonly PortVerdict[]): string[] {
  const blocked = verdicts.filter((v) => !v.bindable).length
  const lines = [
    `${count.format(verdicts.length)} checked: ${count.format(verdicts.length - blocked)} bindable, ${count.format(blocked)} NOT bindable.`,
  ]
  for (const c of summarizeCauses(verdicts)) {
    if (c.code === 'free') continue
    const what = c.count === 1 ? c.message : c.label
    lines.push(
      `  - ${c.protocol.toUpperCase()} ${visible(c.ports)} (${count.format(c.count)}): ${visible(what)}`,
    )
    if (c.fix && c.blocking) lines.push(indent(c.fix, '      '))
  }
  return lines
}

/**
 * A JSON array with one entry per line, written in chunks: 65,535 verdicts never become one
 * string of many megabytes, and any JSON reader takes the result.
 */
function writeJsonLines(verdicts: readonly PortVerdict[]): void {
  const CHUNK = 2048
  if (verdicts.length === 0) return out('[]')
  for (let i = 0; i < verdicts.length; i += CHUNK) {
    const lines = verdicts.slice(i, i + CHUNK).map((v) => JSON.stringify(v))
    const last = i + CHUNK >= verdicts.length
    out(`${i === 0 ? '[\n' : ''}${lines.join(',\n')}${last ? '\n]' : ','}`)
  }
}

export const run: CommandRun = ({ json, values, positionals }) => {
  const services = createAppServices()
  const protocol = values['protocol'] as IntentProtocol
  const address = values['address'] as string | undefined
  const reuse = (values['reuse'] ?? 'none') as BindReuse
  const verdicts = services.verdicts.check({
    protocol,
    ports: positionals.join(','),
    reuse,
    ...(address === undefined ? {} : { address }),
  })
  if (json) writeJsonLines(verdicts)
  else {
    const intent = verdicts[0]?.intent
    if (intent)
      out(
        `A test bind of ${describeIntent(intent)} on each port (bound and closed at once: held for microseconds):`,
      )
    out((verdicts.length <= DETAILED ? detailed(verdicts) : summarised(verdicts)).join('\n'))
  }
  return verdicts.every((v) => v.bindable) ? 0 : 1
}
