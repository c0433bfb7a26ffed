import koffi from 'koffi'
import { readFileSync } from 'node:fs'
import type { ProcessIdentity } from '../../../shared/process-identity'

/**
 * Who a process is, in the terms that survive pid reuse and that a fix can name: its start time
 * (field 22 of /proc/PID/stat, clock ticks since boot) within this boot (boot_id), its user, and
 * what runs it — a systemd unit or a docker/podman container, from /proc/PID/cgroup. Every file
 * read here is world-readable, so this works for other users' processes without root.
 *
 * One module for every caller that must tell "this process" from "whatever has this pid now":
 * verdict fixes, holder-file trust, process actions.
 */

/** Field 22 of /proc/PID/stat, read after the last ')' so a name with spaces or ')' cannot shift it. */
export function startTicksOf(stat: string): string | undefined {
  const close = stat.lastIndexOf(')')
  if (close < 0) return undefined
  // The fields after ') ' start at field 3 (state): field 22 is the 20th of them.
  const v = stat.slice(close + 2).split(' ')[19]
  return v !== undefined && /^\d{1,20}$/.test(v) ? v : undefined
}

let cachedBootId: string | undefined
/** /proc/sys/kernel/random/boot_id: a new value every boot, so start times compare only within it. */
export function bootId(): string | undefined {
  if (cachedBootId) return cachedBootId
  try {
    cachedBootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()
  } catch {
    return undefined
  }
  return cachedBootId
}

let ticksPerSecond: number | undefined
/** sysconf(_SC_CLK_TCK), the unit of the start time (100 on every common kernel). */
function clockTicks(): number {
  if (ticksPerSecond) return ticksPerSecond
  try {
    const sysconf = koffi.load('libc.so.6').func('long sysconf(int name)') as (n: number) => number
    const t = sysconf(2) // _SC_CLK_TCK
    ticksPerSecond = t > 0 ? t : 100
  } catch {
    ticksPerSecond = 100
  }
  return ticksPerSecond
}

let cachedBootTime: number | undefined
/** Seconds since the epoch at boot: /proc/stat's btime. */
function bootTime(): number | undefined {
  if (cachedBootTime !== undefined) return cachedBootTime
  try {
    const m = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))
    cachedBootTime = m ? Number(m[1]) : undefined
  } catch {
    return undefined
  }
  return cachedBootTime
}

/** The start in clock ticks as wall-clock time (ISO 8601), as `ps -o lstart` shows it. */
export function startedAtOf(ticks: string): string | undefined {
  const boot = bootTime()
  return boot === undefined
    ? undefined
    : new Date((boot + Number(ticks) / clockTicks()) * 1000).toISOString()
}

const DOCKER_SCOPE = /^docker-([0-9a-f]{64})\.scope$/
const PODMAN_SCOPE = /^libpod-([0-9a-f]{64})\.scope$/
const BARE_ID = /^[0-9a-f]{64}$/
const USER_MANAGER = /^user@\d+\.service$/

/**
 * The systemd unit and the docker/podman container that /proc/PID/cgroup names. Lines are
 * "hierarchy:controllers:path"; cgroup v2 has one ("0::/system.slice/nginx.service"). A unit
 * under user@UID.service (a user session) is named only when the path goes deeper than it.
 */
export function cgroupFacts(cgroup: string): Pick<ProcessIdentity, 'service' | 'container'> {
  const out: Pick<ProcessIdentity, 'service' | 'container'> = {}
  for (const line of cgroup.split('\n')) {
    const second = line.indexOf(':', line.indexOf(':') + 1)
    if (second < 0) continue
    const parts = line.slice(second + 1).split('/')
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!
      const docker = DOCKER_SCOPE.exec(part) ?? (parts[i - 1] === 'docker' && BARE_ID.exec(part))
      const podman = PODMAN_SCOPE.exec(part)
      if (podman) out.container ??= { runtime: 'podman', id: podman[1]!.slice(0, 12) }
      else if (docker) out.container ??= { runtime: 'docker', id: (docker[1] ?? docker[0])! }
      else if (part.endsWith('.service') && !USER_MANAGER.test(part)) out.service ??= part
    }
  }
  if (out.container) out.container.id = out.container.id.slice(0, 12)
  // A container's processes sit in a scope, not the daemon's unit: stopping docker.service
  // would stop every container, so only the container is named.
  if (out.container) delete out.service
  return out
}

const read = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return undefined
  }
}

/** Who `pid` is now; undefined when no such process exists (or /proc is not there). */
export function processIdentity(pid: number): ProcessIdentity | undefined {
  const stat = read(`/proc/${pid}/stat`)
  if (stat === undefined) return undefined
  const ticks = startTicksOf(stat)
  const uid = /^Uid:\s+\d+\s+(\d+)/m.exec(read(`/proc/${pid}/status`) ?? '')?.[1]
  const identity: ProcessIdentity = { pid, ...cgroupFacts(read(`/proc/${pid}/cgroup`) ?? '') }
  if (ticks !== undefined) {
    identity.startTicks = ticks
    const at = startedAtOf(ticks)
    if (at) identity.startedAt = at
  }
  const boot = bootId()
  if (boot) identity.bootId = boot
  if (uid !== undefined) identity.uid = Number(uid)
  return identity
}

/** Whether the process `pid` that started at `startTicks` in boot `boot` is still running. */
export function isSameProcess(pid: number, startTicks: string, boot: string): boolean {
  const now = processIdentity(pid)
  return now?.startTicks === startTicks && now.bootId === boot
}
