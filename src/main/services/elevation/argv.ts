import {
  ElevationRequest,
  LINUX_PROCESS_IDENTITY,
  WINDOWS_PROCESS_IDENTITY,
  type ParsedElevationRequest,
} from '../../../shared/elevation'
import { PortwardenError } from '../../../shared/errors'
import { parseInput } from '../../../shared/validate'

/**
 * The helper's command line (after the program that runs it), built only from the request as
 * the schema parsed it: numbers printed by String(), booleans as flags, enums as their literal
 * words. No text from the request reaches the command line unparsed. The helper — the CLI's
 * `portwarden helper` — parses it again and refuses anything else.
 */
export function helperArgs(request: ElevationRequest): string[] {
  return argsOf(parseInput(ElevationRequest, request))
}

function argsOf(r: ParsedElevationRequest): string[] {
  if (r.action === 'kill') {
    return [
      'helper',
      'kill',
      String(r.pid),
      '--identity',
      identityWord(r.identity),
      ...(r.force ? ['--force'] : []),
      '--json',
    ]
  }
  const end = r.startPort + r.count - 1
  return [
    'helper',
    'reserved',
    r.action === 'reserved-add' ? 'add' : 'remove',
    r.count === 1 ? String(r.startPort) : `${r.startPort}-${end}`,
    ...(r.persist ? ['--persist'] : []),
    ...(r.protocol ? ['--protocol', r.protocol] : []),
    '--json',
  ]
}

/**
 * A process identity travels as one word, in this platform's form (Linux "<boot id>:<ticks>",
 * Windows creation-time digits): the helper on this machine accepts nothing else.
 */
function identityWord(identity: string): string {
  const pattern = process.platform === 'win32' ? WINDOWS_PROCESS_IDENTITY : LINUX_PROCESS_IDENTITY
  if (!pattern.test(identity)) {
    throw new PortwardenError(
      'invalid-input',
      'That process identity is not one this system gives.',
    )
  }
  return identity
}
