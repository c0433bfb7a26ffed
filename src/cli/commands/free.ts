import { createInterface } from 'node:readline/promises'
import { PortwardenError } from '../../shared/errors'
import type { Protocol } from '../../shared/model'
import type { PortVerdict } from '../../shared/verdict'
import { createAppServices } from '../../main/services/app-services'
import {
  bindNow,
  carryOutFree,
  planFree,
  type FreeOutcome,
  type FreePlan,
} from '../../main/services/free-ports'
import type { CommandRun } from '../command'
import { printJson } from '../output'
import { err, out } from '../stdio'
import { visible } from '../terminal'

/** The one reason that blocks each port, as a short phrase: "python3 (pid 42, nobody) LISTEN". */
function blocker(v: PortVerdict): string {
  const r = v.reasons.find((x) => x.blocking) ?? v.reasons[0]!
  return visible(r.message)
}

function describePlan(plan: FreePlan): string[] {
  const p = plan.protocol.toUpperCase()
  const lines: string[] = []
  for (const v of plan.verdicts)
    lines.push(`${p} ${v.port}: ${v.bindable ? 'bindable already' : blocker(v)}`)
  if (plan.end.length || plan.release.length) lines.push('', 'To free them:')
  for (const b of plan.release)
    lines.push(`  release this Portwarden's block ${b.token} (ports ${b.ports.join(', ')})`)
  for (const h of plan.end) {
    const who = `${h.name} (pid ${h.pid}${h.user ? `, user ${h.user}` : ''})`
    const what = h.portwarden ? 'end the `portwarden reserve`' : 'end'
    lines.push(`  ${what} ${visible(who)} holding ${h.ports.join(', ')}`)
    if (h.commandLine) lines.push(`      ${visible(h.commandLine)}`)
  }
  if (plan.notes.length) lines.push('', 'Left as they are:')
  for (const n of plan.notes) lines.push(`  ${p} ${n.port}: ${visible(n.text)}`)
  return lines
}

/** Asks on the terminal; only an explicit yes counts. */
async function ask(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr })
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim())
  } finally {
    rl.close()
  }
}

/**
 * `portwarden free SPEC`: who holds each port (the verdict), what will be done, a question (or
 * --yes), then the holders ended (SIGTERM and a wait; SIGKILL after it with --force), our blocks
 * released, and every port bound for real. Exit 0 only when every port binds.
 */
export const run: CommandRun = async ({ json, values, positionals }) => {
  const protocol = values['protocol'] as Protocol
  const force = Boolean(values['force'])
  const services = createAppServices()
  const verdicts = services.verdicts.check({ protocol, ports: positionals.join(',') })
  const plan = planFree(verdicts, services.backend, services.otherHolders())
  const say = (line: string) => (json ? err(line) : out(line))
  for (const line of describePlan(plan)) say(line)

  const work = plan.end.length + plan.release.length
  let outcomes: FreeOutcome[]
  if (work === 0) {
    outcomes = verdicts.map((v) => bindNow(services.backend, protocol, v.port))
  } else {
    if (!values['yes']) {
      if (!process.stdin.isTTY)
        throw new PortwardenError(
          'invalid-input',
          'Not asking without a terminal: pass --yes to end the processes listed above.',
        )
      const n = plan.end.length
      const question = `\n${n ? `End ${n} process${n === 1 ? '' : 'es'}` : 'Release'}${force ? ' (SIGKILL if SIGTERM is not enough)' : ''}? [y/N] `
      if (!(await ask(question))) {
        say('Nothing was changed.')
        if (json) printJson({ protocol, plan: planJson(plan), outcomes: [], changed: false })
        return 1
      }
    }
    say('')
    outcomes = await carryOutFree(
      plan,
      { backend: services.backend, runtime: services.runtime, actions: services.processes },
      {
        force,
        say: (l) => say(visible(l)),
      },
    )
  }
  say('')
  for (const o of outcomes)
    say(
      `${protocol.toUpperCase()} ${o.port}: ${o.bindable ? 'free (a real bind succeeded)' : `still NOT bindable: ${visible(o.why ?? '')}`}`,
    )
  if (json) printJson({ protocol, plan: planJson(plan), outcomes, changed: work > 0 })
  return outcomes.every((o) => o.bindable) ? 0 : 1
}

const planJson = (plan: FreePlan) => ({ end: plan.end, release: plan.release, notes: plan.notes })
