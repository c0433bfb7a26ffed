import koffi from 'koffi'
import { readFileSync, readlinkSync } from 'node:fs'
import { PortwardenError } from '../../../shared/errors'
import type { ProcessDetails } from '../../../shared/process-actions'
import { userName } from './owners'

const code = (err: unknown) => (err as NodeJS.ErrnoException).code ?? ''

/** A /proc read that may fail for another user's process (EACCES): then nothing is known. */
function tryRead<T>(read: () => T): T | undefined {
  try {
    return read()
  } catch (err) {
    if (code(err) === 'ENOENT' || code(err) === 'ESRCH') throw gone()
    return undefined
  }
}

const gone = () => new PortwardenError('not-found', 'That process has exited.')

let ticksPerSecond: number | undefined
/** sysconf(_SC_CLK_TCK): the unit of /proc/PID/stat's start time (100 on every common kernel). */
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

/** Field 22 of /proc/PID/stat, read after the last ')' so a name with spaces or ')' cannot shift it. */
export function startTicks(stat: string): string | undefined {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  // The fields after ')' start at field 3 (state): field 22 is at index 19.
  const v = fields[19]
  return v && /^\d+$/.test(v) ? v : undefined
}

const bootId = () => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()
const bootTime = () => Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1])

/**
 * What survives pid reuse: the boot and the start time in clock ticks since boot. Undefined when
 * the process is gone.
 */
export function processIdentity(pid: number): string | undefined {
  try {
    const ticks = startTicks(readFileSync(`/proc/${pid}/stat`, 'utf8'))
    return ticks === undefined ? undefined : `${bootId()}:${ticks}`
  } catch {
    return undefined
  }
}

/** The systemd unit and docker/podman container named by /proc/PID/cgroup's lines. */
export function cgroupFacts(cgroup: string): Pick<ProcessDetails, 'service' | 'container'> {
  const out: Pick<ProcessDetails, 'service' | 'container'> = {}
  for (const line of cgroup.split('\n')) {
    const path = line.slice(line.indexOf(':', line.indexOf(':') + 1) + 1)
    for (const part of path.split('/')) {
      const docker = /^(?:docker-([0-9a-f]{64})\.scope|([0-9a-f]{64}))$/.exec(part)
      const podman = /^libpod-([0-9a-f]{64})\.scope$/.exec(part)
      if (podman) out.container = { runtime: 'podman', id: podman[1]!.slice(0, 12) }
      else if (docker && (part.startsWith('docker-') || path.includes('/docker/')))
        out.container = { runtime: 'docker', id: (docker[1] ?? docker[2])!.slice(0, 12) }
      else if (/\.service$/.test(part) && !out.service) out.service = part
    }
  }
  // user@1000.service holds every unit of a user session: only a unit under it says more.
  if (out.service && /^user@\d+\.service$/.test(out.service)) {
    const inner = /user@\d+\.service\/(?:[^/\n]+\/)*?([^/\n]+\.service)/.exec(cgroup)?.[1]
    out.service = inner
  }
  return out
}

/**
 * Who process `pid` is: executable, command line, user, start time, systemd unit, container.
 * Another user's exe link needs root; the rest of /proc/PID is world-readable.
 */
export function processDetails(pid: number): ProcessDetails {
  const stat = tryRead(() => readFileSync(`/proc/${pid}/stat`, 'utf8'))
  if (stat === undefined) throw gone()
  const comm = tryRead(() => readFileSync(`/proc/${pid}/comm`, 'utf8').replace(/\n$/, '')) ?? ''
  const status = tryRead(() => readFileSync(`/proc/${pid}/status`, 'utf8')) ?? ''
  const cmdline = tryRead(() => readFileSync(`/proc/${pid}/cmdline`))
  const exe = tryRead(() => readlinkSync(`/proc/${pid}/exe`))
  const cgroup = tryRead(() => readFileSync(`/proc/${pid}/cgroup`, 'utf8')) ?? ''
  const uidText = /^Uid:\s+\d+\s+(\d+)/m.exec(status)?.[1]
  const uid = uidText === undefined ? undefined : Number(uidText)
  const ticks = startTicks(stat)
  const startedAt =
    ticks === undefined
      ? undefined
      : new Date((bootTime() + Number(ticks) / clockTicks()) * 1000).toISOString()
  const args = cmdline?.length ? cmdline.toString('utf8').replace(/\0$/, '').split('\0') : undefined
  const myUid = process.geteuid?.()
  const details: ProcessDetails = {
    pid,
    name: comm,
    self: pid === process.pid,
    canSignal: myUid === 0 || (uid !== undefined && uid === myUid),
    ...cgroupFacts(cgroup),
  }
  if (exe) details.exe = exe
  if (args) details.commandLine = args
  if (uid !== undefined) {
    details.uid = uid
    const user = userName(uid)
    if (user) details.user = user
  }
  if (startedAt) details.startedAt = startedAt
  if (ticks !== undefined) details.identity = `${bootId()}:${ticks}`
  return details
}
