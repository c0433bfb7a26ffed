import { execFile, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { BIN, startReserveHolder } from './support/cli-holder'
import { pythonListenersPerTest } from './support/python-listeners-per-test'
import { realBind } from './support/real-bind'

// `portwarden free` through the built CLI (out/cli), against real processes; every "free" is
// checked with a real bind from this process afterwards.

const asRoot = process.getuid?.() === 0
const NOBODY = 65534
const stateDir = mkdtempSync(join(tmpdir(), 'portwarden-free-test-'))
const env = { ...process.env, PORTWARDEN_STATE_DIR: stateDir }
afterAll(() => rmSync(stateDir, { recursive: true, force: true }))
const listener = pythonListenersPerTest()

async function free(args: string[], options: { uid?: number } = {}) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, 'free', ...args], {
      env,
      ...(options.uid ? { uid: options.uid, gid: options.uid } : {}),
    })
    return { code: 0, stdout, stderr }
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

describe.skipIf(!asRoot)('portwarden free (built CLI, real processes, real binds)', () => {
  it('another user’s python3 listener: named with user and command line, ended, port binds, exit 0', async () => {
    const l = await listener({ uid: NOBODY })
    expect(realBind('tcp', l.port)).toBe('EADDRINUSE')
    const r = await free([String(l.port), '--yes'])
    expect(r.stdout).toContain(`TCP ${l.port}: In use by python3 (pid ${l.pid}, user nobody)`)
    expect(r.stdout).toContain(`end python3 (pid ${l.pid}, user nobody) holding ${l.port}`)
    expect(r.stdout).toContain('/usr/bin/python3 -c')
    expect(r.stdout).toContain(`python3 (pid ${l.pid}) exited after SIGTERM`)
    expect(r.stdout).toContain(`TCP ${l.port}: free (a real bind succeeded)`)
    expect(r.code).toBe(0)
    expect(l.exited()).toBe(true)
    expect(realBind('tcp', l.port)).toBe('ok')
  })

  it('without a terminal and without --yes: refuses (exit 2), nothing ended', async () => {
    const l = await listener({ uid: NOBODY })
    const r = await free([String(l.port)])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('pass --yes')
    expect(l.exited()).toBe(false)
    expect(realBind('tcp', l.port)).toBe('EADDRINUSE')
  })

  it('on a terminal it asks; "n" changes nothing (exit 1), "y" frees', async () => {
    const l = await listener({ uid: NOBODY })
    const onTty = (answer: string) =>
      new Promise<{ code: number | null; text: string }>((resolve) => {
        // script(1) gives the CLI a pseudo-terminal, so it asks as it would a person.
        const child = spawn(
          'script',
          ['-qec', `${process.execPath} ${BIN} free ${l.port}`, '/dev/null'],
          { env },
        )
        let text = ''
        child.stdout.on('data', (d: Buffer) => {
          text += String(d)
          if (text.includes('[y/N]') && !child.stdin.writableEnded) child.stdin.end(`${answer}\n`)
        })
        child.on('exit', (code) => resolve({ code, text }))
      })
    const no = await onTty('n')
    expect(no.text).toContain('End 1 process? [y/N]')
    expect(no.text).toContain('Nothing was changed.')
    expect(no.code).toBe(1)
    expect(l.exited()).toBe(false)
    const yes = await onTty('y')
    expect(yes.text).toContain('free (a real bind succeeded)')
    expect(yes.code).toBe(0)
    expect(realBind('tcp', l.port)).toBe('ok')
  })

  it('a holder that ignores SIGTERM: exit 1 and says so; --force kills it and exits 0', async () => {
    const l = await listener({ uid: NOBODY, ignoreTerm: true })
    const soft = await free([String(l.port), '--yes'])
    expect(soft.stdout).toContain('still running after SIGTERM (use --force to send SIGKILL)')
    expect(soft.stdout).toContain(`TCP ${l.port}: still NOT bindable`)
    expect(soft.code).toBe(1)
    expect(realBind('tcp', l.port)).toBe('EADDRINUSE')
    const hard = await free([String(l.port), '--yes', '--force'])
    expect(hard.stdout).toContain('killed (SIGKILL)')
    expect(hard.code).toBe(0)
    expect(realBind('tcp', l.port)).toBe('ok')
  }, 30_000)

  it('a `portwarden reserve` block is released by ending that reserve; JSON on stdout', async () => {
    const { child, held } = await startReserveHolder(['--count', '2'], env)
    const exited = new Promise((r) => child.once('exit', r))
    const r = await free([`${held.startPort}-${held.startPort + 1}`, '--yes', '--json'])
    const result = JSON.parse(r.stdout) as { outcomes: { port: number; bindable: boolean }[] }
    expect(result.outcomes.map((o) => o.bindable)).toEqual([true, true])
    expect(r.stderr).toContain('end the `portwarden reserve`')
    expect(r.code).toBe(0)
    await exited
    expect(realBind('tcp', held.startPort)).toBe('ok')
  })

  it('TIME_WAIT: says when it expires, changes nothing, exit 1', async () => {
    const server = net.createServer((s) => s.on('end', () => s.end()))
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const client = net.connect((server.address() as net.AddressInfo).port, '127.0.0.1')
    await new Promise((r) => client.once('connect', r))
    const port = client.localPort!
    client.end()
    await new Promise((r) => client.once('close', r))
    server.close()
    const r = await free([String(port), '--yes'])
    expect(r.stdout).toMatch(/TIME_WAIT: the kernel frees it in \d+ s/)
    expect(r.stdout).toContain(`TCP ${port}: still NOT bindable`)
    expect(r.code).toBe(1)
  })

  it('a reserved range (private netns): explained, left unchanged, exit 0 as the port binds', async () => {
    const script =
      'echo 20000-20010 > /proc/sys/net/ipv4/ip_local_reserved_ports && ' +
      `${process.execPath} ${BIN} free 20005 --yes; s=$?; echo ---; ` +
      'cat /proc/sys/net/ipv4/ip_local_reserved_ports; exit $s'
    const r = await promisify(execFile)('unshare', ['--net', 'sh', '-c', script], { env })
    expect(r.stdout).toContain('TCP 20005: bindable already')
    expect(r.stdout).toMatch(/TCP 20005: Inside the reserved range 20000.20010.*Left unchanged\./)
    expect(r.stdout).toContain('TCP 20005: free (a real bind succeeded)')
    expect(r.stdout).toMatch(/---\n20000-20010\n$/)
  })

  it('a port nobody holds: bindable already, exit 0', async () => {
    const l = await listener()
    await l.stop()
    const r = await free([String(l.port)])
    expect(r.stdout).toContain(`TCP ${l.port}: bindable already`)
    expect(r.code).toBe(0)
  })

  it('as nobody, root’s listener: cannot be seen or ended, says to use sudo, exit 1', async () => {
    const l = await listener()
    const r = await free([String(l.port), '--yes'], { uid: NOBODY })
    expect(r.stdout).toContain('Run with sudo to see and end it.')
    expect(r.code).toBe(1)
    expect(l.exited()).toBe(false)
  })
})
