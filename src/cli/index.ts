import { toErrorInfo, type ErrorInfo } from '../shared/portwarden-error'
import { visible } from '../shared/visible'
import { parseCommandArgs } from './args'
import { commands } from './commands/registry'
import { commandHelp, mainHelp } from './help'
import { err, out } from './stdio'
import { APP_VERSION as version } from '../main/services/app-version'

const exitCodeOf = (info: ErrorInfo) => (info.kind === 'invalid-input' ? 2 : 1)

function report(name: string, info: ErrorInfo, json: boolean): number {
  if (json) err(JSON.stringify(info))
  else {
    err(`portwarden ${name}: ${visible(info.message)}`)
    if (info.detail && info.kind !== 'invalid-input')
      err(info.detail.split('\n').map(visible).join('\n'))
  }
  return exitCodeOf(info)
}

/** Runs the CLI; returns the exit code (0 ok, 1 failed, 2 bad usage or input). */
export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv
  if (first === undefined) {
    err(mainHelp(commands))
    return 2
  }
  if (first === '--version' || first === '-V' || first === 'version') {
    out(`portwarden ${version}`)
    return 0
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    const topic = rest[0]
    // `help` alone, or followed by an option (`--help -h`), is the main help: never recurse.
    if (topic === undefined || topic.startsWith('-')) {
      out(mainHelp(commands))
      return 0
    }
    return main([topic, '--help'])
  }
  const spec = commands.find((c) => c.name === first)
  const json = rest.includes('--json')
  if (!spec) {
    const info = { kind: 'invalid-input', message: `unknown command "${first}"` } as const
    if (!json) err(`portwarden: ${visible(info.message)}\n\n${mainHelp(commands)}`)
    else err(JSON.stringify(info))
    return 2
  }
  try {
    const ctx = parseCommandArgs(spec, rest)
    if (ctx.help) {
      out(commandHelp(spec))
      return 0
    }
    const run = await spec.load()
    return await run(ctx)
  } catch (e) {
    return report(spec.name, toErrorInfo(e), json)
  }
}
