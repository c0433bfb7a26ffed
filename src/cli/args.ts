import { parseArgs } from 'node:util'
import { PortwardenError } from '../shared/portwarden-error'
import type { CommandContext, CommandSpec, OptionSpec } from './command'

/** Options every command takes. */
export const COMMON_OPTIONS: Record<'json' | 'help', OptionSpec> = {
  json: {
    type: 'boolean',
    default: false,
    help: 'machine-readable output (errors as JSON on stderr)',
  },
  help: { type: 'boolean', short: 'h', default: false, help: 'show this help' },
}

const usageError = (message: string) => new PortwardenError('invalid-input', message)

/**
 * Parses a command's arguments strictly: unknown options, a choice outside its list, and too
 * many or too few positionals are usage errors. Choices are case-insensitive (`--protocol TCP`).
 */
export function parseCommandArgs(
  spec: CommandSpec,
  args: string[],
): CommandContext & { help: boolean } {
  const options = Object.fromEntries(
    Object.entries({ ...spec.options, ...COMMON_OPTIONS }).map(([name, o]) => [
      name,
      { type: o.type, ...(o.short ? { short: o.short } : {}) },
    ]),
  )
  let parsed
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true })
  } catch (e) {
    // parseArgs reports unknown or malformed options as TypeErrors with an ERR_PARSE_ARGS code.
    if (
      e instanceof TypeError &&
      String((e as { code?: string }).code).startsWith('ERR_PARSE_ARGS')
    )
      throw usageError(e.message)
    throw e
  }
  const values: CommandContext['values'] = {}
  for (const [name, o] of Object.entries(spec.options)) {
    let v = parsed.values[name] as string | boolean | undefined
    if (v === undefined) v = o.default
    if (typeof v === 'string' && o.choices) {
      const lower = v.toLowerCase()
      if (!o.choices.includes(lower))
        throw usageError(`--${name} must be ${o.choices.join(', ')}; got "${v}"`)
      v = lower
    }
    values[name] = v
  }
  const help = Boolean(parsed.values['help'])
  const { positionals } = parsed
  const { min, max, name } = spec.positionals
  if (!help && positionals.length > max)
    throw usageError(
      max === 0
        ? `${spec.name} takes no arguments; got "${positionals[0]}"`
        : `${spec.name} takes at most ${max} argument${max === 1 ? '' : 's'}; "${positionals[max]}" is extra`,
    )
  if (!help && positionals.length < min)
    throw usageError(`${spec.name} needs ${name ?? 'an argument'}: ${spec.usage}`)
  return { json: Boolean(parsed.values['json']), values, positionals, help }
}

/** A port option: 1–65535 in decimal, anything else a usage error. */
export function portOption(name: string, text: string | boolean | undefined): number | undefined {
  if (text === undefined || typeof text === 'boolean') return undefined
  if (!/^\d{1,5}$/.test(text) || Number(text) < 1 || Number(text) > 65535)
    throw usageError(`--${name} must be a port from 1 to 65535; got "${text}"`)
  return Number(text)
}

/** Whole decimal numbers only: "10" yes; "1e3", "0x10", "10abc" no. */
export function integerOption(
  name: string,
  text: string | boolean | undefined,
  fallback: number,
): number {
  if (text === undefined || typeof text === 'boolean') return fallback
  if (!/^\d{1,10}$/.test(text)) throw usageError(`--${name} must be a whole number; got "${text}"`)
  return Number(text)
}
