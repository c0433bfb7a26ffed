import { execFile, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { portsOf } from '../src/shared/ranges'
import { outcomes, probeBinds } from './support/bind-probe'
import { BIN, startReserveHolder } from './support/cli-holder'

const stateDir = mkdtempSync(join(tmpdir(), 'portwarden-cli-conv-'))
const env = { ...process.env, PORTWARDEN_STATE_DIR: stateDir }
afterAll(() => rmSync(stateDir, { recursive: true, force: true }))
const pkgVersion = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version

async function cli(...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], {
      env,
      maxBuffer: 64 << 20,
    })
    return { code: 0, stdout, stderr }
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

/** `portwarden ARGS | head -c BYTES` through a real shell pipe: the CLI's status and stderr. */
function throughHead(args: string, head: string) {
  const r = spawnSync(
    'bash',
    ['-c', `set -o pipefail; node ${BIN} ${args} 2>"$ERR" | head ${head} >/dev/null; echo $?`],
    { env: { ...env, ERR: join(stateDir, 'stderr.txt') }, encoding: 'utf8' },
  )
  return {
    status: Number(r.stdout.trim()),
    stderr: readFileSync(join(stateDir, 'stderr.txt'), 'utf8'),
  }
}

describe('portwarden: Unix conventions', () => {
  it('--version prints package.json’s version, as does the report’s generator', async () => {
    expect((await cli('--version')).stdout).toBe(`portwarden ${pkgVersion}\n`)
    const report = JSON.parse((await cli('report', '--format', 'json')).stdout)
    expect(report.generator).toBe(`Portwarden ${pkgVersion}`)
  })

  it('no arguments: help on stderr, exit 2; `help CMD` is `CMD --help`, with defaults', async () => {
    const bare = await cli()
    expect(bare).toMatchObject({ code: 2, stdout: '' })
    expect(bare.stderr).toContain('Usage: portwarden <command>')
    const viaHelp = await cli('help', 'reserve')
    expect(viaHelp.stdout).toBe((await cli('reserve', '--help')).stdout)
    expect(viaHelp.stdout).toContain('(default: tcp)')
    // Help about help, or an option after --help, is the main help (it once recursed forever).
    for (const args of [
      ['--help', '-h'],
      ['help', '--help'],
      ['help', 'help'],
    ])
      expect((await cli(...args)).stdout, args.join(' ')).toContain('Usage: portwarden <command>')
    // The elevated helper mode is for the app, not listed for users.
    expect((await cli('--help')).stdout).not.toMatch(/^ {2}helper/m)
  })

  it.each([
    [['list', 'extra'], 'takes no arguments'],
    [['diff', 'a.json'], 'needs two report files'],
    [['sockets', '--port', '70000'], '--port must be a port from 1 to 65535'],
    [['sockets', '--state', 'sleepy'], '--state must be one of'],
    [['check', '80', '--protocol', 'sctp'], '--protocol must be tcp, udp, both'],
    [['completion', 'tcsh'], 'completion knows bash, zsh, fish, powershell'],
  ])('%j is a usage error (exit 2) saying why', async (args, message) => {
    const r = await cli(...args)
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain(message)
  })

  it('--protocol TCP is accepted as tcp', async () => {
    const r = await cli('check', '45679', '--protocol', 'TCP', '--json')
    expect(JSON.parse(r.stdout)[0]).toMatchObject({ protocol: 'tcp', port: 45679 })
  })

  it('with --json, errors are JSON on stderr (kind, message, detail)', async () => {
    const r = await cli('diff', '/nonexistent/a.json', '/nonexistent/b.json', '--json')
    expect(r.code).toBe(2)
    expect(JSON.parse(r.stderr)).toEqual({
      kind: 'invalid-input',
      message: 'Cannot read /nonexistent/a.json: no such file.',
      detail: 'ENOENT',
    })
  })

  it('diff says why a file cannot be read', async () => {
    expect((await cli('diff', stateDir, stateDir)).stderr).toContain('it is a directory')
    if (process.getuid?.() === 0) return // root reads anything; the nobody case is below
  })

  it('report --out - writes to stdout; a --format that contradicts --out is an error', async () => {
    const csv = await cli('report', '--format', 'csv', '--out', '-')
    expect(csv.code).toBe(0)
    expect(csv.stdout.split('\n')[0]).toMatch(/^section,/)
    const clash = await cli('report', '--format', 'csv', '--out', join(stateDir, 'r.html'))
    expect(clash.code).toBe(2)
    expect(clash.stderr).toContain('--format csv contradicts --out')
    expect(existsSync(join(stateDir, 'r.html'))).toBe(false)
  })

  it('a closed stdout ends `sockets` and `check 1-65535` quietly with status 141', () => {
    for (const [args, head] of [
      ['sockets', '-n 1'],
      // --json: one line per port (the text form now summarises a range in a few lines).
      ['check 1-65535 --json', '-n 2'],
    ] as const) {
      const r = throughHead(args, head)
      expect(r.stderr, args).not.toMatch(/EPIPE|Error|at /)
      expect([0, 141], args).toContain(r.status)
    }
  })

  it('reserve keeps holding when its output pipe closes, and releases on SIGTERM and SIGHUP', async () => {
    for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
      const child = spawn(
        'bash',
        ['-c', `node ${BIN} reserve --count 3 | head -c 10 >/dev/null; sleep 30`],
        {
          env,
          detached: true,
        },
      )
      // The reserve process is the node child of that shell: find it by its holder file.
      let pid = 0
      for (let i = 0; i < 100 && !pid; i++) {
        await new Promise((r) => setTimeout(r, 50))
        pid = Number(
          readdirSync(stateDir)
            .find((f) => /^\d+\.json$/.test(f))
            ?.split('.')[0] ?? 0,
        )
      }
      expect(pid).toBeGreaterThan(0)
      await new Promise((r) => setTimeout(r, 300)) // head has exited; the pipe is closed
      const held = JSON.parse(readFileSync(join(stateDir, `${pid}.json`), 'utf8'))
        .reservations[0] as { startPort: number; count: number }
      expect(outcomes(await probeBinds('tcp', '::', portsOf(held))), signal).toEqual(['EADDRINUSE'])
      process.kill(pid, signal)
      for (let i = 0; i < 100 && existsSync(join(stateDir, `${pid}.json`)); i++)
        await new Promise((r) => setTimeout(r, 50))
      expect(existsSync(join(stateDir, `${pid}.json`)), signal).toBe(false)
      expect(outcomes(await probeBinds('tcp', '::', portsOf(held))), signal).toEqual(['ok'])
      process.kill(-child.pid!, 'SIGKILL')
    }
  })

  it('a reserve that hits a busy port names its holder', async () => {
    const { child, held } = await startReserveHolder(['--count', '2'], env)
    try {
      const r = await cli('reserve', '--start', String(held.startPort + 1))
      expect(r.code).toBe(1)
      expect(r.stderr).toContain(`port ${held.startPort + 1} is already in use`)
      expect(r.stderr).toContain(
        `Held by another Portwarden (cli, pid ${child.pid}) on port ${held.startPort + 1}`,
      )
    } finally {
      child.kill('SIGINT')
    }
  })
})

describe('portwarden: safe for terminals', () => {
  it('a hostile process name is shown escaped in `sockets` and `check`; JSON stays exact', async () => {
    const hostile = 'ev\\n  - x\\x1b]0;t\\x07'
    const child = spawn('python3', ['test/support/hostile-listener.py', hostile])
    const port = Number(
      await new Promise<string>((r) => createInterface({ input: child.stdout! }).once('line', r)),
    )
    try {
      const sockets = await cli('sockets', '--port', String(port))
      expect(sockets.stdout).not.toContain('\x1b')
      expect(sockets.stdout).toContain('ev\\n  - x\\x1b]0;t\\x07')
      expect(sockets.stdout.trim().split('\n')).toHaveLength(2) // header + the one socket
      // Its owner is known: no note about unseen owners, whatever else the machine runs.
      expect(sockets.stderr).not.toMatch(/no owner|could not be read/)

      const check = await cli('check', String(port))
      expect(check.stdout).not.toContain('\x1b')
      expect(check.stdout).not.toMatch(/^ {2}- x/m) // no forged reason line
      expect(check.stdout).toContain('ev\\n')
      // The fix to copy names the process on its own line, escaped: nothing forged below it.
      expect(check.stdout).toMatch(new RegExp(`kill ${child.pid} +# ev\\\\n {2}- x\\\\x1b`))

      const json = JSON.parse((await cli('sockets', '--port', String(port), '--json')).stdout)
      expect(json.sockets[0].owners[0].name).toBe('ev\n  - x\x1b]0;t\x07')
    } finally {
      child.kill()
    }
  })
})

describe('portwarden completion', () => {
  it.each(['bash', 'zsh', 'fish', 'powershell'])(
    'prints a %s script naming every command',
    async (shell) => {
      const r = await cli('completion', shell)
      expect(r.code).toBe(0)
      for (const c of ['reserve', 'check', 'sockets', 'report', 'diff'])
        expect(r.stdout).toContain(c)
    },
  )

  it('the bash script parses and completes commands and choices', async () => {
    const file = join(stateDir, 'portwarden.bash')
    writeFileSync(file, (await cli('completion', 'bash')).stdout)
    const complete = (line: string) =>
      spawnSync(
        'bash',
        [
          '-c',
          `source ${file}; COMP_WORDS=(${line}); COMP_CWORD=$((\${#COMP_WORDS[@]}-1)); _portwarden; echo "\${COMPREPLY[*]}"`,
        ],
        { encoding: 'utf8' },
      ).stdout.trim()
    expect(complete("portwarden 're'")).toBe('reserve reserved report')
    expect(complete("portwarden check --protocol ''")).toBe('tcp udp both')
    expect(complete('portwarden sockets --l')).toBe('--listening')
  })
})
