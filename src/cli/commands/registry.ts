import type { CommandSpec } from '../command'

const PROTOCOL = ['tcp', 'udp'] as const

/**
 * Every subcommand, as help and completion know it. The code behind each is imported only when
 * the command runs, so listing help or printing the version loads nothing else.
 */
export const commands: CommandSpec[] = [
  {
    name: 'reserve',
    summary: 'Hold a block of ports until Ctrl-C (or SIGTERM, SIGHUP)',
    usage: 'portwarden reserve [--protocol tcp|udp] [--count N] [--start PORT] [--json]',
    options: {
      protocol: {
        type: 'string',
        choices: PROTOCOL,
        default: 'tcp',
        help: 'protocol of the block',
      },
      count: { type: 'string', arg: 'N', default: '1', help: 'how many consecutive ports' },
      start: {
        type: 'string',
        arg: 'PORT',
        help: 'first port of the block (default: any free block outside the dynamic range)',
      },
    },
    positionals: { min: 0, max: 0 },
    examples: [
      'portwarden reserve --protocol tcp --count 10',
      'portwarden reserve --protocol udp --count 5 --start 40000',
    ],
    load: () => import('./reserve').then((m) => m.run),
  },
  {
    name: 'list',
    summary: 'Show the runtime reservations held by running Portwarden processes',
    usage: 'portwarden list [--json]',
    options: {},
    positionals: { min: 0, max: 0 },
    load: () => import('./list').then((m) => m.run),
  },
  {
    name: 'check',
    summary: 'Say whether ports can be bound, and why not (exit 0 all bindable, 1 any not)',
    usage:
      'portwarden check SPEC [--protocol tcp|udp|both] [--address ADDR] [--reuse none|addr|port] [--json]',
    options: {
      protocol: {
        type: 'string',
        choices: ['tcp', 'udp', 'both'],
        default: 'tcp',
        help: 'protocol of the bind to try',
      },
      address: {
        type: 'string',
        arg: 'ADDR',
        help: 'address to bind, e.g. 127.0.0.1 or ::1 (default: the wildcards 0.0.0.0 and [::])',
      },
      reuse: {
        type: 'string',
        choices: ['none', 'addr', 'port'],
        default: 'none',
        help: 'socket option of the bind: SO_REUSEADDR (addr) or SO_REUSEPORT (port)',
      },
    },
    positionals: { min: 1, max: 64, name: 'ports, e.g. 3000,5432 or 8000-8100' },
    examples: ['portwarden check 3000,5432,8000-8100', 'portwarden check 53 --protocol both'],
    load: () => import('./check').then((m) => m.run),
  },
  {
    name: 'free',
    summary:
      'Free ports: show who holds them, end the holders (asks first), check with a real bind',
    usage: 'portwarden free SPEC [--protocol tcp|udp] [--yes] [--force] [--json]',
    options: {
      protocol: {
        type: 'string',
        choices: PROTOCOL,
        default: 'tcp',
        help: 'protocol of the ports',
      },
      yes: { type: 'boolean', short: 'y', help: 'do not ask (needed without a terminal)' },
      force: { type: 'boolean', help: 'SIGKILL a holder still running after SIGTERM and a wait' },
    },
    positionals: { min: 1, max: 64, name: 'ports, e.g. 8080 or 3000,5432 or 8000-8010' },
    examples: ['portwarden free 8080', 'sudo portwarden free 3000-3010 --yes --force'],
    load: () => import('./free').then((m) => m.run),
  },
  {
    name: 'sockets',
    summary: 'List TCP and UDP sockets with their owning processes (like ss -tuanp)',
    usage:
      'portwarden sockets [--port N] [--remote-port N] [--protocol tcp|udp] [--state S | --listening] [--process NAME] [--json]',
    options: {
      port: { type: 'string', arg: 'N', help: 'only sockets whose LOCAL port is N' },
      'remote-port': {
        type: 'string',
        arg: 'N',
        help: 'only sockets whose REMOTE (peer) port is N',
      },
      protocol: { type: 'string', choices: PROTOCOL, help: 'only TCP or only UDP' },
      state: {
        type: 'string',
        arg: 'STATE',
        help: 'only sockets in STATE: listen, established, time-wait, bound, unconn, …',
      },
      listening: {
        type: 'boolean',
        short: 'l',
        help: 'only listening TCP sockets and unconnected UDP sockets (as ss -l)',
      },
      process: {
        type: 'string',
        arg: 'NAME',
        help: 'only sockets of processes whose name contains NAME',
      },
    },
    positionals: { min: 0, max: 0 },
    examples: ['portwarden sockets --port 5432', 'portwarden sockets -l --protocol udp'],
    load: () => import('./sockets').then((m) => m.run),
  },
  {
    name: 'ranges',
    summary: 'Show reserved/excluded port ranges and the dynamic range',
    usage: 'portwarden ranges [--json]',
    options: {},
    positionals: { min: 0, max: 0 },
    load: () => import('./ranges').then((m) => m.run),
  },
  {
    name: 'reserved',
    summary: 'Add or remove a reserved port range (Linux: ip_local_reserved_ports; needs root)',
    usage: 'portwarden reserved add|remove RANGE [--persist] [--yes] [--json]',
    options: {
      persist: {
        type: 'boolean',
        help: "also Portwarden's own set kept across reboots (its sysctl.d file)",
      },
      yes: {
        type: 'boolean',
        short: 'y',
        help: 'do not ask about a persistent, large (> 1,000 ports) or dynamic-range change',
      },
    },
    positionals: { min: 2, max: 2, name: 'an action and a range: add|remove 8000-8010' },
    examples: [
      'sudo portwarden reserved add 8000-8010 --persist',
      'sudo portwarden reserved remove 8000-8010 --persist --yes',
    ],
    load: () => import('./reserved').then((m) => m.run),
  },
  {
    name: 'helper',
    summary: 'Internal: the one-action elevated mode the app runs through pkexec or UAC',
    hidden: true,
    usage:
      'portwarden helper reserved add|remove RANGE [--persist] [--protocol tcp|udp] | helper kill PID --identity ID [--force]',
    options: {
      persist: { type: 'boolean', help: 'reserved: also the set kept across reboots' },
      protocol: {
        type: 'string',
        choices: PROTOCOL,
        help: 'reserved (Windows): whose reservation',
      },
      identity: { type: 'string', arg: 'ID', help: 'kill: the process identity the caller saw' },
      force: { type: 'boolean', help: 'kill: SIGKILL instead of SIGTERM' },
    },
    positionals: { min: 2, max: 3, name: 'reserved add|remove RANGE, or kill PID' },
    load: () => import('./helper').then((m) => m.run),
  },
  {
    name: 'report',
    summary: 'Write the reservation report (JSON, CSV or HTML) to stdout or a file',
    usage: 'portwarden report [--format json|csv|html] [--out FILE|-] [--watch 3000,5432]',
    options: {
      format: {
        type: 'string',
        choices: ['json', 'csv', 'html'],
        help: "the format (default: from --out's extension, else json)",
      },
      out: { type: 'string', arg: 'FILE', help: 'write to FILE atomically (- or absent: stdout)' },
      watch: { type: 'string', arg: 'SPEC', help: 'ports whose verdicts the report includes' },
    },
    positionals: { min: 0, max: 0 },
    examples: ['portwarden report --out report.html', 'portwarden report --format csv --out -'],
    load: () => import('./report').then((m) => m.run),
  },
  {
    name: 'diff',
    summary: 'Show what changed between two JSON reports (exit 0 same, 1 different)',
    usage: 'portwarden diff OLD.json NEW.json [--json]',
    options: {},
    positionals: { min: 2, max: 2, name: 'two report files: OLD.json NEW.json' },
    load: () => import('./diff').then((m) => m.run),
  },
  {
    name: 'completion',
    summary: 'Print a shell completion script (bash, zsh, fish or powershell)',
    usage: 'portwarden completion bash|zsh|fish|powershell',
    options: {},
    positionals: { min: 1, max: 1, name: 'a shell: bash, zsh, fish or powershell' },
    examples: [
      'portwarden completion bash > /etc/bash_completion.d/portwarden',
      'portwarden completion fish > ~/.config/fish/completions/portwarden.fish',
    ],
    load: () => import('./completion').then((m) => m.run),
  },
]
