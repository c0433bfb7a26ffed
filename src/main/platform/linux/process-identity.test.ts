import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { linuxFixes } from '../../services/verdict/fixes'
import { cgroupFacts, isSameProcess, processIdentity, startTicksOf } from './process-identity'

describe('process identity: what survives pid reuse, and what runs a process', () => {
  it('reads a live process: start time (field 22), boot id, uid, start as wall-clock time', async () => {
    const child = spawn('sleep', ['30'])
    try {
      await new Promise((r) => child.once('spawn', r))
      const id = processIdentity(child.pid!)!
      const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8')
      expect(id.startTicks).toBe(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19])
      expect(id.bootId).toBe(readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim())
      expect(id.uid).toBe(process.geteuid!())
      expect(Math.abs(Date.parse(id.startedAt!) - Date.now())).toBeLessThan(60_000)
      expect(isSameProcess(child.pid!, id.startTicks!, id.bootId!)).toBe(true)
      // The same pid with another start time (an earlier process's record): not this process.
      expect(isSameProcess(child.pid!, String(Number(id.startTicks) - 1), id.bootId!)).toBe(false)
    } finally {
      child.kill()
    }
    await new Promise((r) => child.once('exit', r))
    expect(processIdentity(child.pid!)).toBeUndefined()
  })

  it('a hostile name with spaces and ")" cannot shift the start time', () => {
    const stat =
      '4242 (evil) 1 2 3 4 5) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 123 4'
    expect(startTicksOf(stat)).toBe('987654')
    expect(startTicksOf('garbage')).toBeUndefined()
  })

  it('names systemd units and containers from /proc/PID/cgroup as they appear on real hosts', () => {
    expect(cgroupFacts('0::/system.slice/nginx.service\n')).toEqual({ service: 'nginx.service' })
    expect(
      cgroupFacts(
        '0::/system.slice/docker-4f1c0a9b2e3d4c5b6a7980f1e2d3c4b5a6978877665544332211ffeeddccbbaa.scope\n',
      ),
    ).toEqual({ container: { runtime: 'docker', id: '4f1c0a9b2e3d' } })
    expect(
      cgroupFacts(
        '12:pids:/docker/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n0::/docker/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n',
      ),
    ).toEqual({ container: { runtime: 'docker', id: '0123456789ab' } })
    expect(
      cgroupFacts(
        '0::/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899.scope/container\n',
      ),
    ).toEqual({ container: { runtime: 'podman', id: 'aabbccddeeff' } })
    // A session's processes: the user manager is not the unit to stop; a unit under it is.
    expect(
      cgroupFacts('0::/user.slice/user-1000.slice/user@1000.service/app.slice/foo.service\n'),
    ).toEqual({ service: 'foo.service' })
    expect(cgroupFacts('0::/user.slice/user-1000.slice/session-3.scope\n')).toEqual({})
    expect(cgroupFacts('0::/\n')).toEqual({})
  })

  it('fixes name what runs the holder: the unit, the container, else the process and its start', () => {
    const base = { asRoot: false, othersUser: false, connections: 0 }
    expect(linuxFixes.endHolder('nginx', 10, { pid: 10, service: 'nginx.service' }, base)).toMatch(
      /^sudo systemctl stop nginx\.service {4}# runs nginx \(pid 10\)$/,
    )
    expect(
      linuxFixes.endHolder(
        'node',
        11,
        { pid: 11, container: { runtime: 'docker', id: '4f1c0a9b2e3d' } },
        base,
      ),
    ).toMatch(/^docker stop 4f1c0a9b2e3d {4}# the docker container that runs node \(pid 11\)$/)
    const at = '2026-11-28T11:02:13.000Z'
    expect(linuxFixes.endHolder('python3', 12, { pid: 12, startedAt: at }, base)).toBe(
      `kill 12    # python3, started ${new Date(at).toUTCString()}`,
    )
    expect(linuxFixes.endHolder('python3', 12, undefined, { ...base, othersUser: true })).toMatch(
      /^sudo kill 12/,
    )
  })
})
