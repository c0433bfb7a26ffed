import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

/**
 * The command line as a user gets it: `npm pack`, then the tarball installed with
 * `--omit=dev` into an empty prefix (no tsx, no vite, no electron), and every read-only command
 * run from there.
 */
const work = mkdtempSync(join(tmpdir(), 'portwarden-pack-'))
const prefix = join(work, 'prefix')
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  version: string
  dependencies: Record<string, string>
}
let bin = ''

beforeAll(() => {
  execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', work], {
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'))!
  execFileSync(
    'npm',
    [
      'install',
      '--omit=dev',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--prefix',
      prefix,
      join(work, tarball),
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  )
  bin = join(prefix, 'node_modules', '.bin', 'portwarden')
}, 180_000)
afterAll(() => rmSync(work, { recursive: true, force: true }))

const run = (...args: string[]) =>
  spawnSync(bin, args, {
    encoding: 'utf8',
    cwd: work,
    env: { ...process.env, PORTWARDEN_STATE_DIR: join(work, 'state') },
  })

describe('portwarden installed from `npm pack` with --omit=dev', () => {
  it('holds exactly the runtime dependencies, and no TypeScript runner', () => {
    const installed = (name: string) => existsSync(join(prefix, 'node_modules', name))
    for (const dep of Object.keys(pkg.dependencies)) expect(installed(dep), dep).toBe(true)
    for (const dev of ['tsx', 'typescript', 'vite', 'electron', 'react'])
      expect(installed(dev), dev).toBe(false)
    const files = readdirSync(join(prefix, 'node_modules', 'portwarden'))
    expect(files.sort()).toEqual(['README.md', 'bin', 'out', 'package.json'])
  })

  it('--version and every read-only command work', () => {
    expect(run('--version').stdout).toBe(`portwarden ${pkg.version}\n`)
    for (const args of [
      ['--help'],
      ['help', 'check'],
      ['list'],
      ['list', '--json'],
      ['check', '45680'],
      ['check', '45680', '--protocol', 'both', '--json'],
      ['sockets'],
      ['sockets', '--listening', '--json'],
      ['ranges'],
      ['report', '--format', 'csv'],
      ['report', '--out', join(work, 'a.json')],
      ['report', '--out', join(work, 'b.html')],
      ['completion', 'bash'],
    ]) {
      const r = run(...args)
      expect(r.stderr, args.join(' ')).not.toMatch(/ERR_MODULE_NOT_FOUND|Error:|\n\s+at /)
      expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(0)
    }
    writeFileSync(join(work, 'c.json'), readFileSync(join(work, 'a.json')))
    expect(run('diff', join(work, 'a.json'), join(work, 'c.json')).status).toBe(0)
  })

  it('runs the same bundle the repository builds', () => {
    const installed = readdirSync(
      join(prefix, 'node_modules', 'portwarden', 'out', 'cli', 'chunks'),
    )
    expect(installed.sort()).toEqual(readdirSync(resolve('out/cli/chunks')).sort())
  })
})
