import { PortwardenError } from '../../shared/errors'
import { formatPortList } from '../../shared/ranges'
import type { ReservedChangeResult } from '../../shared/reserved-change'
import { createAppServices } from '../../main/services/app-services'
import type { CommandRun } from '../command'
import { terminalConfirm } from '../confirm'
import { printJson } from '../output'
import { out } from '../stdio'

/** "8000-8010" or "8080" → a span; anything else is a usage error. */
export function parseSpan(text: string | undefined): { startPort: number; count: number } {
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text ?? '')
  if (!m)
    throw new PortwardenError('invalid-input', 'Give a port or a range, e.g. 8080 or 8000-8010.')
  const start = Number(m[1])
  const end = m[2] === undefined ? start : Number(m[2])
  if (end < start) throw new PortwardenError('invalid-input', `The range ${text} runs backwards.`)
  return { startPort: start, count: end - start + 1 }
}

/**
 * `portwarden reserved add|remove RANGE [--persist] [--yes]`. A change that overlaps the dynamic
 * range, spans more than 1,000 ports or persists is asked about on the terminal (or needs
 * --yes). Without root it says the exact command to run with sudo.
 */
export const run: CommandRun = async ({ json, values, positionals }) => {
  const [action, range] = positionals
  if (action !== 'add' && action !== 'remove')
    throw new PortwardenError(
      'invalid-input',
      `Say what to do: portwarden reserved add|remove RANGE (got "${action}")`,
    )
  const yes = Boolean(values['yes'])
  const services = createAppServices({ confirm: terminalConfirm(yes) })
  const change = { ...parseSpan(range), persist: Boolean(values['persist']) }
  const result =
    action === 'add' ? await services.reserved.add(change) : await services.reserved.remove(change)
  if (json) {
    printJson(result)
    return 0
  }
  out(`Reserved ports now: ${formatPortList(result.ranges) || '(none)'}`)
  if (result.persisted && (change.persist || result.persisted.length))
    out(`Kept across reboots: ${formatPortList(result.persisted) || '(none)'}`)
  await offerBootRemoval(result, change, services, yes)
  return 0
}

/** A range removed now but still persisted comes back at boot: say so, and offer to remove it. */
async function offerBootRemoval(
  result: ReservedChangeResult,
  change: { startPort: number; count: number },
  services: ReturnType<typeof createAppServices>,
  yes: boolean,
) {
  const back = formatPortList(result.returnsAtBoot ?? [])
  if (!back) return
  out(
    `Ports ${back} are still in Portwarden's persisted set: they come back at the next boot. ` +
      `To remove them there too: portwarden reserved remove ${back} --persist`,
  )
  if (yes || !process.stdin.isTTY) return
  const again = await services.reserved.remove({ ...change, persist: true }).catch((e: unknown) => {
    if (e instanceof PortwardenError && e.kind === 'cancelled') return undefined
    throw e
  })
  if (again) out(`Kept across reboots: ${formatPortList(again.persisted ?? []) || '(none)'}`)
}
