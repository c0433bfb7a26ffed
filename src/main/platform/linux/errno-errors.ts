import { readFileSync } from 'node:fs'
import { PortwardenError } from '../../../shared/errors'
import type { Protocol } from '../../../shared/model'
import { Errno } from './libc'
import { unprivilegedPortStart } from './sysctl'

/** " (the limit is N open files)" from /proc/self/limits, or nothing when unreadable. */
function openFileLimit(): string {
  try {
    const m = /^Max open files\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'utf8'))
    return m ? ` (the limit is ${m[1]} open files)` : ''
  } catch {
    return ''
  }
}

const errnoName = (errno: number): string =>
  Object.entries(Errno).find(([, v]) => v === errno)?.[0] ?? `errno ${errno}`

/** Turns the errno of a failed bind on `port` into an error a user can act on. */
export function bindError(errno: number, protocol: Protocol, port: number): PortwardenError {
  const where = `${protocol.toUpperCase()} port ${port}`
  const detail = `socket()/bind() for ${port}/${protocol} failed: ${errnoName(errno)}`
  switch (errno) {
    case Errno.EADDRINUSE:
      return new PortwardenError(
        'port-in-use',
        `${where} is already in use by another socket; nothing was reserved.`,
        detail,
      )
    case Errno.EACCES:
    case Errno.EPERM:
      return new PortwardenError(
        'permission-denied',
        `${where} is privileged: ports below ${unprivilegedPortStart()} need root or CAP_NET_BIND_SERVICE.`,
        detail,
      )
    case Errno.EMFILE:
      return new PortwardenError(
        'resource-exhausted',
        `Portwarden has no file descriptors left for more sockets${openFileLimit()} (raise it with \`ulimit -n\`, or release a block).`,
        detail,
      )
    case Errno.ENFILE:
      return new PortwardenError(
        'resource-exhausted',
        'The system has run out of file descriptors (fs.file-max); release a block or close programs.',
        detail,
      )
    case Errno.ENOBUFS:
    case Errno.ENOMEM:
      return new PortwardenError(
        'resource-exhausted',
        'The kernel is out of memory for more sockets; try a smaller block.',
        detail,
      )
    default:
      return new PortwardenError('internal', `Could not bind ${where}.`, detail)
  }
}
