import { readFileSync, readlinkSync } from 'node:fs'
import { PortwardenError } from '../../../shared/errors'
import type { ProcessDetails } from '../../../shared/process-actions'
import { userName } from './owners'
import { bootId, cgroupFacts, startedAtOf, startTicksOf } from './process-identity'

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

/** "<boot id>:<start ticks>": what tells this process from a later one with the same pid. */
export function processIdentity(pid: number): string | undefined {
  try {
    const ticks = startTicksOf(readFileSync(`/proc/${pid}/stat`, 'utf8'))
    const boot = bootId()
    return ticks === undefined || boot === undefined ? undefined : `${boot}:${ticks}`
  } catch {
    return undefined
  }
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
  const ticks = startTicksOf(stat)
  const startedAt = ticks === undefined ? undefined : startedAtOf(ticks)
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
  const boot = bootId()
  if (ticks !== undefined && boot !== undefined) details.identity = `${boot}:${ticks}`
  return details
}
