/** One option of a subcommand, with what `--help` and the shell completions say about it. */
export interface OptionSpec {
  type: 'string' | 'boolean'
  short?: string
  /** Shown in help as "(default: …)" and applied when the option is absent. */
  default?: string | boolean
  /** The value's placeholder in help, e.g. "N" or "FILE". */
  arg?: string
  /** Allowed values, matched case-insensitively and passed on in lower case. */
  choices?: readonly string[]
  help: string
}

export interface CommandContext {
  json: boolean
  values: Record<string, string | boolean | undefined>
  positionals: string[]
}

export type CommandRun = (ctx: CommandContext) => number | Promise<number>

/**
 * A `portwarden <name>` subcommand as help and completion know it. The code that runs it is
 * loaded only when it is called (`load`), so `--help`, `--version` and each command pay only for
 * the modules they use.
 */
export interface CommandSpec {
  name: string
  summary: string
  /** The synopsis after "Usage: ", e.g. "portwarden check SPEC [options]". */
  usage: string
  options: Record<string, OptionSpec>
  /** How many positional arguments the command takes; more or fewer is a usage error. */
  positionals: { min: number; max: number; name?: string }
  /** Left out of the command list and the shell completions (the elevated helper mode). */
  hidden?: boolean
  /** Lines under "Examples:" in help. */
  examples?: string[]
  load(): Promise<CommandRun>
}
