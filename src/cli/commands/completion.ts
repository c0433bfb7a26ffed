import { PortwardenError } from '../../shared/errors'
import type { CommandRun, CommandSpec, OptionSpec } from '../command'
import { COMMON_OPTIONS } from '../args'
import { out } from '../stdio'
import { commands as all } from './registry'

const commands = all.filter((c) => !c.hidden)

const SHELLS = ['bash', 'zsh', 'fish', 'powershell'] as const
type Shell = (typeof SHELLS)[number]

const optionsOf = (c: CommandSpec): [string, OptionSpec][] =>
  Object.entries({ ...c.options, ...COMMON_OPTIONS })
const flagsOf = (c: CommandSpec) => optionsOf(c).map(([n]) => `--${n}`)
const choicesOf = (c: CommandSpec) =>
  optionsOf(c).flatMap(([n, o]) => (o.choices ? [[n, [...o.choices]] as const] : []))
/** Single-quoted for sh, fish and PowerShell alike (our own names never hold a quote). */
const q = (s: string) => `'${s.replace(/'/g, '')}'`

function bash(): string {
  const cases = commands
    .map((c) => {
      const values = choicesOf(c)
        .map(
          ([n, ch]) =>
            `      --${n}) COMPREPLY=($(compgen -W ${q(ch.join(' '))} -- "$cur")); return ;;`,
        )
        .join('\n')
      return `    ${c.name})\n      case "$prev" in\n${values}\n      esac\n      COMPREPLY=($(compgen -W ${q(flagsOf(c).join(' '))} -- "$cur")) ;;`
    })
    .join('\n')
  return `# bash completion for portwarden: source it, or put it in /etc/bash_completion.d/
_portwarden() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]}
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W ${q(['help', '--version', '--help', ...commands.map((c) => c.name)].join(' '))} -- "$cur"))
    return
  fi
  case "\${COMP_WORDS[1]}" in
${cases}
    help) COMPREPLY=($(compgen -W ${q(commands.map((c) => c.name).join(' '))} -- "$cur")) ;;
    completion) COMPREPLY=($(compgen -W ${q(SHELLS.join(' '))} -- "$cur")) ;;
  esac
}
complete -F _portwarden portwarden
`
}

function zsh(): string {
  const subs = commands
    .map((c) => `    ${q(`${c.name}:${c.summary.replace(/:/g, ' -')}`)}`)
    .join('\n')
  const cases = commands
    .map((c) => {
      const specs = optionsOf(c)
        .map(([n, o]) => {
          const choices = o.choices
            ? `:${n}:(${o.choices.join(' ')})`
            : o.type === 'string'
              ? `:${n}:`
              : ''
          return q(`--${n}[${o.help.replace(/[[\]:']/g, ' ')}]${choices}`)
        })
        .join(' ')
      return `    ${c.name}) _arguments ${specs} '*:argument:_default' ;;`
    })
    .join('\n')
  return `#compdef portwarden
# zsh completion for portwarden: save as _portwarden in a directory on $fpath
_portwarden() {
  local -a subcommands
  subcommands=(
${subs}
  )
  if (( CURRENT == 2 )); then
    _describe 'command' subcommands
    return
  fi
  shift words; (( CURRENT-- ))
  case "$words[1]" in
${cases}
  esac
}
compdef _portwarden portwarden
`
}

function fish(): string {
  const lines = [
    '# fish completion for portwarden: save as ~/.config/fish/completions/portwarden.fish',
    'complete -c portwarden -f',
  ]
  for (const c of commands) {
    lines.push(`complete -c portwarden -n __fish_use_subcommand -a ${c.name} -d ${q(c.summary)}`)
    for (const [n, o] of optionsOf(c)) {
      const values = o.choices ? ` -xa ${q(o.choices.join(' '))}` : o.type === 'string' ? ' -r' : ''
      lines.push(
        `complete -c portwarden -n ${q(`__fish_seen_subcommand_from ${c.name}`)} -l ${n}${values} -d ${q(o.help)}`,
      )
    }
  }
  return lines.join('\n') + '\n'
}

function powershell(): string {
  const table = commands
    .map((c) => `    ${q(c.name)} = @(${flagsOf(c).map(q).join(', ')})`)
    .join('\n')
  return `# PowerShell completion for portwarden: add to your $PROFILE
Register-ArgumentCompleter -Native -CommandName portwarden -ScriptBlock {
  param($wordToComplete, $commandAst, $cursorPosition)
  $options = @{
${table}
  }
  $words = @($commandAst.CommandElements | ForEach-Object { $_.ToString() })
  if ($words.Count -le 1 -or ($words.Count -eq 2 -and $wordToComplete)) {
    $candidates = $options.Keys
  } else {
    $candidates = $options[$words[1]]
  }
  $candidates | Where-Object { $_ -like "$wordToComplete*" } | Sort-Object | ForEach-Object {
    [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
  }
}
`
}

const SCRIPTS: Record<Shell, () => string> = { bash, zsh, fish, powershell }

export const run: CommandRun = ({ positionals }) => {
  const shell = positionals[0]?.toLowerCase()
  if (!SHELLS.includes(shell as Shell))
    throw new PortwardenError(
      'invalid-input',
      `completion knows ${SHELLS.join(', ')}; got "${positionals[0]}"`,
    )
  out(SCRIPTS[shell as Shell]())
  return 0
}
