import type { ParseArgsConfig } from 'node:util'

export interface CommandContext {
  json: boolean
  values: Record<string, string | boolean | undefined>
  positionals: string[]
}

/** One `portwarden <name>` subcommand. `run` resolves to the process exit code. */
export interface Command {
  name: string
  summary: string
  usage: string
  options: NonNullable<ParseArgsConfig['options']>
  run(ctx: CommandContext): number | Promise<number>
}
