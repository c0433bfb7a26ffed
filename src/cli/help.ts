import type { CommandSpec, OptionSpec } from './command'
import { COMMON_OPTIONS } from './args'

const optionLabel = (name: string, o: OptionSpec) =>
  `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` ${o.arg ?? (o.choices ? o.choices.join('|') : 'VALUE')}` : ''}`

const optionHelp = (o: OptionSpec) =>
  o.type === 'string' && o.default !== undefined ? `${o.help} (default: ${o.default})` : o.help

/** `portwarden CMD --help` (and `portwarden help CMD`). */
export function commandHelp(spec: CommandSpec): string {
  const options = Object.entries({ ...spec.options, ...COMMON_OPTIONS }) as [string, OptionSpec][]
  const width = Math.max(...options.map(([n, o]) => optionLabel(n, o).length))
  return [
    spec.summary,
    '',
    `Usage: ${spec.usage}`,
    '',
    'Options:',
    ...options.map(([n, o]) => `  ${optionLabel(n, o).padEnd(width)}  ${optionHelp(o)}`),
    ...(spec.examples?.length ? ['', 'Examples:', ...spec.examples.map((e) => `  ${e}`)] : []),
  ].join('\n')
}

/** `portwarden --help`. */
export function mainHelp(all: readonly CommandSpec[]): string {
  const commands = all.filter((c) => !c.hidden)
  const width = Math.max(...commands.map((c) => c.name.length))
  return [
    'Portwarden — see and manage TCP/UDP port reservations.',
    '',
    'Usage: portwarden <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Every command takes --json and --help; `portwarden help COMMAND` says more.',
    'Exit status: 0 success, 1 the operation failed, 2 bad usage or input.',
    '  --version   print the version',
  ].join('\n')
}
