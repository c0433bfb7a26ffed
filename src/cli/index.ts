import { parseArgs } from 'node:util'
import { toErrorInfo, type ErrorInfo } from '../shared/errors'
import type { Command } from './command'
import { checkCommand } from './commands/check'
import { diffCommand } from './commands/diff'
import { listCommand } from './commands/list'
import { rangesCommand } from './commands/ranges'
import { reportCommand } from './commands/report'
import { reservedCommand } from './commands/reserved'
import { reserveCommand } from './commands/reserve'
import { socketsCommand } from './commands/sockets'

const commands: Command[] = [
  reportCommand,
  diffCommand,
  listCommand,
  reserveCommand,
  checkCommand,
  rangesCommand,
  reservedCommand,
  socketsCommand,
]

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length))
  return [
    'Portwarden — see and manage TCP/UDP port reservations.',
    '',
    'Usage: portwarden <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Every command takes --json and --help.',
  ].join('\n')
}

/** Runs the CLI; returns the exit code (0 ok, 1 failed, 2 bad usage or input). */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(help())
    return name ? 0 : 2
  }
  const command = commands.find((c) => c.name === name)
  if (!command) {
    console.error(`portwarden: unknown command "${name}"\n\n${help()}`)
    return 2
  }
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: {
        ...command.options,
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: true,
      strict: true,
    })
    if (values.help) {
      console.log(`${command.summary}\n\nUsage: ${command.usage}`)
      return 0
    }
    return await command.run({ json: Boolean(values.json), values, positionals })
  } catch (err) {
    // parseArgs reports unknown or malformed options as TypeErrors with an ERR_PARSE_ARGS code.
    const badUsage =
      err instanceof TypeError &&
      String((err as { code?: string }).code).startsWith('ERR_PARSE_ARGS')
    const info: ErrorInfo = badUsage
      ? { kind: 'invalid-input', message: err.message }
      : toErrorInfo(err)
    console.error(`portwarden ${name}: ${info.message}`)
    if (info.detail && info.kind !== 'invalid-input') console.error(info.detail)
    return info.kind === 'invalid-input' ? 2 : 1
  }
}
