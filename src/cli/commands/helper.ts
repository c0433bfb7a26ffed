import {
  ElevationRequest,
  LINUX_PROCESS_IDENTITY,
  WINDOWS_PROCESS_IDENTITY,
  type ElevatedKillResult,
  type ParsedElevationRequest,
} from '../../shared/elevation'
import { PortwardenError } from '../../shared/errors'
import { parseInput } from '../../shared/validate'
import { createAppServices } from '../../main/services/app-services'
import type { CommandContext, CommandRun } from '../command'
import { printJson } from '../output'
import { parseSpan } from './reserved'

/**
 * `portwarden helper …`: the narrow mode the app runs elevated (pkexec on Linux, UAC on
 * Windows) for one privileged action, never as a general CLI:
 *
 *   portwarden helper reserved add|remove RANGE [--persist] [--protocol tcp|udp] --json
 *   portwarden helper kill PID --identity ID [--force] --json
 *
 * It trusts nothing its caller parsed: the arguments are parsed again here, strictly, into the
 * same schema the caller used, and anything else is refused before anything is done. The app
 * asked the user in its own native dialog before elevating, so the helper asks nothing; it
 * reads no settings or holder files, and answers in JSON.
 */
export const run: CommandRun = async (ctx) => {
  const request = parseHelperArgs(ctx)
  if (process.platform !== 'win32' && process.geteuid?.() !== 0) {
    throw new PortwardenError(
      'permission-denied',
      'portwarden helper runs only elevated (through pkexec or UAC); nothing was done.',
    )
  }
  const services = createAppServices({ confirm: () => true })
  if (request.action === 'kill') {
    printJson(endProcess(services, request))
    return 0
  }
  const change = {
    startPort: request.startPort,
    count: request.count,
    persist: request.persist,
    protocol: request.protocol,
  }
  const result =
    request.action === 'reserved-add'
      ? await services.reserved.add(change)
      : await services.reserved.remove(change)
  printJson(result)
  return 0
}

const refuse = (why: string) =>
  new PortwardenError('invalid-input', `portwarden helper refuses this request: ${why}.`)

/** The command line, parsed again into an ElevationRequest; anything unexpected is refused. */
export function parseHelperArgs({ values, positionals }: CommandContext): ParsedElevationRequest {
  const [what, ...rest] = positionals
  const set = (name: string) => values[name] !== undefined && values[name] !== false
  if (what === 'reserved') {
    const [action, range, extra] = rest
    if (extra !== undefined) throw refuse(`unexpected "${extra}"`)
    if (action !== 'add' && action !== 'remove') throw refuse('reserved takes add or remove')
    if (set('identity') || set('force')) throw refuse('--identity and --force belong to kill')
    return parseInput(ElevationRequest, {
      action: action === 'add' ? 'reserved-add' : 'reserved-remove',
      ...parseSpan(range),
      persist: Boolean(values['persist']),
      ...(values['protocol'] === undefined ? {} : { protocol: values['protocol'] }),
    })
  }
  if (what === 'kill') {
    const [pid, extra] = rest
    if (extra !== undefined) throw refuse(`unexpected "${extra}"`)
    if (!/^[1-9]\d{0,9}$/.test(pid ?? '')) throw refuse('kill takes a pid')
    if (set('persist') || set('protocol'))
      throw refuse('--persist and --protocol belong to reserved')
    const identity = values['identity']
    const pattern = process.platform === 'win32' ? WINDOWS_PROCESS_IDENTITY : LINUX_PROCESS_IDENTITY
    if (typeof identity !== 'string' || !pattern.test(identity))
      throw refuse('kill needs --identity as the process was seen')
    return parseInput(ElevationRequest, {
      action: 'kill',
      pid: Number(pid),
      identity,
      force: Boolean(values['force']),
    })
  }
  throw refuse('it does reserved add|remove, or kill')
}

/** Signals the process only while it is still the one the caller saw (same identity). */
function endProcess(
  services: ReturnType<typeof createAppServices>,
  r: Extract<ParsedElevationRequest, { action: 'kill' }>,
): ElevatedKillResult {
  const os = services.backend.processes
  if (!os) throw new PortwardenError('not-supported', 'Ending processes is not supported here.')
  if (r.pid === process.pid || r.pid === process.ppid) throw refuse('not the helper itself')
  if (os.identity(r.pid) !== r.identity) {
    throw new PortwardenError(
      'not-found',
      `Process ${r.pid} has exited or its pid now names another process: nothing was sent.`,
    )
  }
  os.signal(r.pid, r.force)
  return { pid: r.pid, signal: r.force ? 'SIGKILL' : 'SIGTERM' }
}
