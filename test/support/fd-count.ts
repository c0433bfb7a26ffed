import { readdirSync, readlinkSync } from 'node:fs'
import { dumpInetSockets } from '../../src/main/platform/linux/inet-diag'

/** How many file descriptors this process has open right now (Linux: /proc/self/fd). */
export function openFdCount(): number {
  // The directory handle readdir opens is itself listed, in every count alike.
  return readdirSync('/proc/self/fd').length
}

/** The highest open descriptor number; new descriptors take the lowest free number. */
export function highestFd(): number {
  return Math.max(...readdirSync('/proc/self/fd').map(Number))
}

/**
 * The bound, idle sockets this process holds — TCP bound but neither listening nor connected,
 * UDP unconnected: what runtime blocks are made of, and what a leaked one would leave behind.
 * Unlike the plain descriptor count, it ignores a test runner's own connections coming and
 * going (the e2e static server's keep-alive sockets live in the same process).
 */
export function idleBoundSocketCount(): number {
  const inodes = new Set<number>()
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`))
      if (m) inodes.add(Number(m[1]))
    } catch {
      // closed between readdir and readlink
    }
  }
  return dumpInetSockets().records.filter(
    (r) => inodes.has(r.inode) && (r.state === 'BOUND' || r.state === 'UNCONN'),
  ).length
}
