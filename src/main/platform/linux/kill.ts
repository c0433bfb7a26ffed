import { readFileSync } from 'node:fs'
import { PortwardenError } from '../../../shared/errors'
import { processIdentity } from './process-details'

/**
 * Sends SIGTERM (asks the process to exit; it may clean up, or ignore it) or SIGKILL (ends it at
 * once). ESRCH and EPERM become errors a user can act on.
 */
export function signalProcess(pid: number, force: boolean): void {
  const signal = force ? 'SIGKILL' : 'SIGTERM'
  try {
    process.kill(pid, signal)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ESRCH')
      throw new PortwardenError('not-found', `Process ${pid} has already exited.`)
    if (code === 'EPERM')
      throw new PortwardenError(
        'permission-denied',
        `Process ${pid} belongs to another user: ending it needs root.`,
        `kill(${pid}, ${signal}): EPERM — run: sudo kill -${force ? 'KILL' : 'TERM'} ${pid}`,
      )
    throw err
  }
}

/**
 * Whether the process the identity names still runs. A zombie (state Z: exited, not yet reaped by
 * its parent) has let go of its sockets and counts as gone; so does a pid now used by another
 * process.
 */
export function isRunning(pid: number, identity?: string): boolean {
  let stat: string
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch {
    return false
  }
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)
  if (state === 'Z' || state === 'X') return false
  return identity === undefined || processIdentity(pid) === identity
}
