import { processName, type Kernel32 } from './kernel32'
import { snapshotProcessNames } from './toolhelp'

/**
 * Names Task Manager, Process Explorer and psutil (`_pswindows.py` Process.name) give pids
 * that have no executable image: 0 is the idle process, which also "owns" TIME_WAIT sockets;
 * 4 is the kernel, which owns HTTP.sys's and SMB's listeners.
 */
export const WELL_KNOWN_PROCESS_NAMES: ReadonlyMap<number, string> = new Map([
  [0, 'System Idle Process'],
  [4, 'System'],
])
export const SYSTEM_PID = 4

/**
 * A pid → name lookup for one poll: a Toolhelp32 snapshot taken on first use (one per poll,
 * never one OpenProcess per pid), OpenProcess only for a pid the snapshot lacks (started
 * after it), and undefined when neither answers.
 */
export function processNamer(k: Kernel32): (pid: number) => string | undefined {
  let snapshot: Map<number, string> | undefined
  const opened = new Map<number, string | undefined>()
  return (pid) => {
    const known = WELL_KNOWN_PROCESS_NAMES.get(pid)
    if (known !== undefined) return known
    if (!snapshot) {
      try {
        snapshot = snapshotProcessNames(k)
      } catch {
        snapshot = new Map()
      }
    }
    const named = snapshot.get(pid)
    if (named) return named
    if (!opened.has(pid)) opened.set(pid, safeName(k, pid))
    return opened.get(pid)
  }
}

function safeName(k: Kernel32, pid: number): string | undefined {
  try {
    return processName(k, pid)
  } catch {
    return undefined
  }
}
