import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import type { HolderRecord } from '../src/shared/holders'
import { portsOf } from '../src/shared/ranges'
import { outcomes, probeBinds } from './support/bind-probe'
import { BIN, startReserveHolder } from './support/cli-holder'

const stateDir = mkdtempSync(join(tmpdir(), 'portwarden-cli-test-'))
const env = { ...process.env, PORTWARDEN_STATE_DIR: stateDir }
afterAll(() => rmSync(stateDir, { recursive: true, force: true }))

async function cli(...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { env })
    return { code: 0, stdout, stderr }
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

describe('portwarden CLI (plain Node, real sockets)', () => {
  it('reserve holds a block until SIGINT; list sees it from another process', async () => {
    const { child, held } = await startReserveHolder(['--protocol', 'udp', '--count', '4'], env)
    expect(held).toMatchObject({ protocol: 'udp', count: 4 })
    expect(outcomes(await probeBinds('udp', '::', portsOf(held)))).toEqual(['EADDRINUSE'])

    const listed = await cli('list', '--json')
    const holders = JSON.parse(listed.stdout) as HolderRecord[]
    expect(holders).toEqual([
      expect.objectContaining({ pid: child.pid, holder: 'cli', reservations: [held] }),
    ])
    expect((await cli('list')).stdout).toContain(held.token)

    const exited = new Promise<number | null>((r) => child.once('exit', r))
    child.kill('SIGINT')
    expect(await exited).toBe(0)
    expect(outcomes(await probeBinds('udp', '::', portsOf(held)))).toEqual(['ok'])
    expect((await cli('list', '--json')).stdout.trim()).toBe('[]')
  })

  it.each([
    [['reserve', '--count', '70000'], 'at most 65535 ports'],
    [['reserve', '--count', '10', '--start', '65530'], 'runs past port 65535'],
    [['reserve', '--count', '1e3'], 'whole number'],
    [['reserve', '--protocol', 'sctp'], 'protocol'],
    [['reserve', '--bogus'], "Unknown option '--bogus'"],
    [['frobnicate'], 'unknown command'],
  ])('%j fails with exit 2 and says why on stderr', async (args, message) => {
    const r = await cli(...args)
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain(message)
  })

  it('a busy port exits 1 naming the port', async () => {
    const { child: r1, held } = await startReserveHolder(['--count', '1'], env)
    const r = await cli('reserve', '--count', '1', '--start', String(held.startPort))
    r1.kill('SIGINT')
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`port ${held.startPort} is already in use`)
  })

  it('check exits 1 for a port another Portwarden holds, naming it; sockets and ranges see it', async () => {
    const { child: holder, held } = await startReserveHolder(['--count', '2'], env)
    try {
      const r = await cli('check', String(held.startPort))
      expect(r.code).toBe(1)
      expect(r.stdout).toContain(`Held by another Portwarden (cli, pid ${holder.pid})`)
      const sockets = JSON.parse(
        (await cli('sockets', '--port', String(held.startPort), '--json')).stdout,
      )
      // Only TCP: another test run on the machine may hold a UDP socket on the same port.
      expect(sockets.sockets.filter((s: { protocol: string }) => s.protocol === 'tcp')).toEqual([
        expect.objectContaining({
          state: 'BOUND',
          owners: [expect.objectContaining({ pid: holder.pid })],
        }),
      ])
    } finally {
      holder.kill('SIGINT')
    }
    const ranges = JSON.parse((await cli('ranges', '--json')).stdout)
    expect(ranges.dynamic[0]).toMatchObject({ origin: 'net.ipv4.ip_local_port_range' })
  })

  it('check exits 0 when every port is bindable, and 2 for a bad spec', async () => {
    const free = await cli('check', '--protocol', 'udp', '45678', '--json')
    expect(free.code).toBe(0)
    expect(JSON.parse(free.stdout)[0]).toMatchObject({ port: 45678, bindable: true })
    expect((await cli('check', '0-10')).code).toBe(2)
  })

  it('--help explains each command', async () => {
    expect((await cli('--help')).stdout).toContain('reserve')
    const help = (await cli('reserve', '--help')).stdout
    expect(help).toContain('--protocol tcp|udp')
    expect(help).toContain('--count N')
  })
})

describe.skipIf(process.getuid?.() !== 0)(
  'portwarden reserved, inside a private network namespace',
  () => {
    const inNetns = (asNobody: boolean, ...args: string[]) =>
      promisify(execFile)('unshare', [
        '--net',
        ...(asNobody ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : []),
        'sh',
        'test/support/cli-in-netns.sh',
        ...args,
      ]).catch((e: { code: number; stdout: string; stderr: string }) => e)

    it('adds a range as root and shows the new list; the host is untouched', async () => {
      const host = readFileSync('/proc/sys/net/ipv4/ip_local_reserved_ports', 'utf8')
      const r = (await inNetns(false, 'reserved', 'add', '8000-8010')) as { stdout: string }
      expect(r.stdout).toContain('Reserved ports now: 8000-8010\n---\n8000-8010')
      expect(readFileSync('/proc/sys/net/ipv4/ip_local_reserved_ports', 'utf8')).toBe(host)
    })

    it('as nobody: exit 1, "needs root", nothing changed', async () => {
      const r = (await inNetns(true, 'reserved', 'add', '8000')) as {
        code: number
        stdout: string
        stderr: string
      }
      expect(r.code).toBe(1)
      expect(r.stderr).toContain('needs root')
      expect(r.stdout.trim()).toBe('---')
    })

    it('a bad range is a usage error (exit 2)', async () => {
      const r = (await inNetns(false, 'reserved', 'add', '9000-8000')) as {
        code: number
        stderr: string
      }
      expect(r.code).toBe(2)
      expect(r.stderr).toContain('runs backwards')
    })
  },
)
