import { PortwardenError } from '../../shared/errors'
import { formatPortList } from '../../shared/ranges'
import { createAppServices } from '../../main/services/app-services'
import type { CommandRun } from '../command'
import { printJson } from '../output'
import { out } from '../stdio'

/** "8000-8010" or "8080" → a span; anything else is a usage error. */
function parseSpan(text: string | undefined): { startPort: number; count: number } {
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text ?? '')
  if (!m)
    throw new PortwardenError('invalid-input', 'Give a port or a range, e.g. 8080 or 8000-8010.')
  const start = Number(m[1])
  const end = m[2] === undefined ? start : Number(m[2])
  if (end < start) throw new PortwardenError('invalid-input', `The range ${text} runs backwards.`)
  return { startPort: start, count: end - start + 1 }
}

export const run: CommandRun = ({ json, values, positionals }) => {
  const [action, range] = positionals
  if (action !== 'add' && action !== 'remove')
    throw new PortwardenError(
      'invalid-input',
      `Say what to do: portwarden reserved add|remove RANGE (got "${action}")`,
    )
  const services = createAppServices()
  const change = { ...parseSpan(range), persist: Boolean(values['persist']) }
  const list = action === 'add' ? services.reserved.add(change) : services.reserved.remove(change)
  if (json) printJson(list)
  else out(`Reserved ports now: ${formatPortList(list) || '(none)'}`)
  return 0
}
