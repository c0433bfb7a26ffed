import { execFile } from 'node:child_process'
import { resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const NOBODY = 65534

/** Acquires a block in a child process, as `nobody` when we are root (so the kernel says no). */
async function acquireUnprivileged(protocol: string, start: number, count: number) {
  const asNobody = process.getuid?.() === 0 ? { uid: NOBODY, gid: NOBODY } : {}
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '--import',
      'tsx',
      resolve('test/support/acquire-once.ts'),
      protocol,
      String(start),
      String(count),
    ],
    { ...asNobody, cwd: resolve('.') },
  )
  return JSON.parse(stdout) as { ok: boolean; kind?: string; message?: string; startPort?: number }
}

describe('privileged ports without privileges (real kernel refusal)', () => {
  it('a block below ip_unprivileged_port_start fails as permission-denied, naming the port', async () => {
    const r = await acquireUnprivileged('tcp', 80, 2)
    expect(r).toMatchObject({ ok: false, kind: 'permission-denied' })
    expect(r.message).toContain('TCP port 80 is privileged')
    expect(r.message).toContain('CAP_NET_BIND_SERVICE')
  })

  it('a wildcard block still works unprivileged (it never picks privileged ports)', async () => {
    const r = await acquireUnprivileged('udp', 0, 3)
    expect(r.ok).toBe(true)
    expect(r.startPort).toBeGreaterThanOrEqual(1024)
  })
})
