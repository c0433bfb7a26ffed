import { describeIntent } from '../../shared/bind-address'
import type { BindReuse, IntentProtocol } from '../../shared/bind-probe'
import type { PortVerdict } from '../../shared/verdict'
import { summarizeCauses } from '../../shared/verdict-summary'
import { createCheckServices } from '../../main/services/check-services'
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
 * A JSON array with one entry per line, written page by page as the verdicts are judged: 65,535
 * of them never become one string (or one array) of many megabytes, and any JSON reader takes
 * the result. Returns whether every port was bindable.
 */
function writeJsonLines(pages: Iterable<PortVerdict[]>): boolean {
  let first = true
  let all = true
  for (const page of pages) {
    if (page.length === 0) continue
    all &&= page.every((v) => v.bindable)
    out(`${first ? '[\n' : ',\n'}${page.map((v) => JSON.stringify(v)).join(',\n')}`)
    first = false
  }
  out(first ? '[]' : '\n]')
  return all
}

export const run: CommandRun = ({ json, values, positionals }) => {
  const services = createCheckServices()
  const protocol = values['protocol'] as IntentProtocol
  const address = values['address'] as string | undefined
  const reuse = (values['reuse'] ?? 'none') as BindReuse
  const request = {
    protocol,
    ports: positionals.join(','),
    reuse,
    ...(address === undefined ? {} : { address }),
  }
  if (json) return writeJsonLines(services.verdicts.checkInPages(request)) ? 0 : 1
  const verdicts = services.verdicts.check(request)
  const intent = verdicts[0]?.intent
  if (intent)
    out(
      `A test bind of ${describeIntent(intent)} on each port (bound and closed at once: held for microseconds):`,
    )
  out((verdicts.length <= DETAILED ? detailed(verdicts) : summarised(verdicts)).join('\n'))
  return verdicts.every((v) => v.bindable) ? 0 : 1
}
