import { execFile, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import type { HolderRecord } from '../src/shared/holders'
import type { RuntimeReservation } from '../src/shared/model'
import { portsOf } from '../src/shared/ranges'
import { outcomes, probeBinds } from './support/bind-probe'

const BIN = resolve('bin/portwarden.mjs')
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
    const child = spawn(
      process.execPath,
      [BIN, 'reserve', '--protocol', 'udp', '--count', '4', '--json'],
      { env },
    )
    const lines = createInterface({ input: child.stdout })
    let text = ''
    for await (const line of lines) {
      text += line
      if (line === '}') break
    }
    const held = JSON.parse(text) as RuntimeReservation
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
    const r1 = spawn(process.execPath, [BIN, 'reserve', '--count', '1', '--json'], { env })
    let text = ''
    for await (const line of createInterface({ input: r1.stdout })) {
      text += line
      if (line === '}') break
    }
    const held = JSON.parse(text) as RuntimeReservation
    const r = await cli('reserve', '--count', '1', '--start', String(held.startPort))
    r1.kill('SIGINT')
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`port ${held.startPort} is already in use`)
  })

  it('--help explains each command', async () => {
    expect((await cli('--help')).stdout).toContain('reserve')
    expect((await cli('reserve', '--help')).stdout).toContain('--protocol tcp|udp --count N')
  })
})
