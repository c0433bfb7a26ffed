import { execFile, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { BIN } from './support/cli-holder'

const isRoot = process.getuid?.() === 0
const identityOf = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const ticks = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]
  return `${readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()}:${ticks}`
}
const helper = (...args: string[]) =>
  promisify(execFile)(process.execPath, [BIN, 'helper', ...args, '--json']).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  )

describe.skipIf(!isRoot)('portwarden helper kill (run as root, as pkexec would)', () => {
  it("ends another user's process only while it is the process the caller saw", async () => {
    const sleeper = spawn('setpriv', [
      '--reuid=65534',
      '--regid=65534',
      '--clear-groups',
      'sleep',
      '60',
    ])
    const pid = sleeper.pid!
    await new Promise((r) => setTimeout(r, 100))
    const seen = identityOf(pid)
    const [, ticks] = seen.split(':')
    // A different start time: the pid names another process now; nothing is sent.
    const reused = await helper(
      'kill',
      String(pid),
      '--identity',
      seen.replace(/:\d+$/, `:${Number(ticks) + 1}`),
    )
    expect(reused.code).toBe(1)
    expect(JSON.parse(reused.stderr)).toMatchObject({ kind: 'not-found' })
    expect(sleeper.exitCode).toBeNull()
    const exited = new Promise<NodeJS.Signals | null>((r) => sleeper.once('exit', (_c, s) => r(s)))
    const ok = await helper('kill', String(pid), '--identity', seen)
    expect(JSON.parse(ok.stdout)).toEqual({ pid, signal: 'SIGTERM' })
    expect(await exited).toBe('SIGTERM')
  })
})
