import { processName, type Kernel32 } from './kernel32'
import { systemProcessReader, type SystemProcess } from './system-processes'
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

/** What the last refresh cost, for tests and the bench (like the Linux OwnerCache.stats). */
export interface ProcessNameStats {
  /**
   * Where the last refresh read the process list: NtQuerySystemInformation, the Toolhelp32
   * snapshot when that failed, or nowhere (no refresh yet, or both failed).
   */
  source: 'ntdll' | 'toolhelp' | 'none'
  /** Processes the cache holds a name for now. */
  processes: number
  /** pids whose image name was decoded in the last refresh: new processes and reused pids. */
  decoded: number[]
  /** pids forgotten in the last refresh: their process exited (or the pid was reused). */
  dropped: number[]
  /** OpenProcess calls in the last poll, for pids the list lacked (started after it). */
  opened: number
}

interface Known {
  createTime: bigint
  name: string
}

/**
 * pid → name, kept for the poller's lifetime (the backend lives as long as the inventory
 * worker). Each poll reads the process list once (NtQuerySystemInformation) and decodes the
 * image name only of a process it has not seen: a pid it lacks, or a pid whose creation time
 * changed (Windows reused it, so the old name would be a lie). Processes missing from the list
 * are forgotten. When the list cannot be read, one Toolhelp32 snapshot names this poll and
 * the cache is emptied, since without creation times it can no longer tell a reused pid.
 */
export class ProcessNameCache {
  private readonly known = new Map<number, Known>()
  stats: ProcessNameStats = { source: 'none', processes: 0, decoded: [], dropped: [], opened: 0 }

  constructor(
    private readonly k: Kernel32,
    private readonly readProcesses: () => readonly SystemProcess[] = systemProcessReader(),
  ) {}

  /**
   * A pid → name lookup for one poll. The list is read on its first lookup, so a listing
   * whose sockets have no owner to name costs nothing; OpenProcess answers (once) for a pid
   * the list lacks, and undefined when neither can.
   */
  namer(): (pid: number) => string | undefined {
    let names: ((pid: number) => string | undefined) | undefined
    const opened = new Map<number, string | undefined>()
    return (pid) => {
      const wellKnown = WELL_KNOWN_PROCESS_NAMES.get(pid)
      if (wellKnown !== undefined) return wellKnown
      names ??= this.refresh()
      const named = names(pid)
      if (named) return named
      if (!opened.has(pid)) {
        opened.set(pid, safeName(this.k, pid))
        this.stats.opened++
      }
      return opened.get(pid)
    }
  }

  /** Reads the process list once and returns the lookup for this poll. */
  private refresh(): (pid: number) => string | undefined {
    let list: readonly SystemProcess[]
    try {
      list = this.readProcesses()
    } catch {
      return this.fallBack()
    }
    const decoded: number[] = []
    const dropped: number[] = []
    const seen = new Set<number>()
    for (const p of list) {
      if (WELL_KNOWN_PROCESS_NAMES.has(p.pid)) continue
      seen.add(p.pid)
      const had = this.known.get(p.pid)
      if (had?.createTime === p.createTime) continue
      // A different creation time: the process we named exited and Windows reused its pid.
      if (had) dropped.push(p.pid)
      this.known.set(p.pid, { createTime: p.createTime, name: p.imageName() })
      decoded.push(p.pid)
    }
    for (const pid of this.known.keys()) {
      if (!seen.has(pid)) {
        this.known.delete(pid)
        dropped.push(pid)
      }
    }
    this.stats = { source: 'ntdll', processes: this.known.size, decoded, dropped, opened: 0 }
    return (pid) => this.known.get(pid)?.name
  }

  private fallBack(): (pid: number) => string | undefined {
    const dropped = [...this.known.keys()]
    this.known.clear()
    let snapshot: Map<number, string>
    let source: ProcessNameStats['source'] = 'toolhelp'
    try {
      snapshot = snapshotProcessNames(this.k)
    } catch {
      snapshot = new Map()
      source = 'none'
    }
    this.stats = { source, processes: 0, decoded: [...snapshot.keys()], dropped, opened: 0 }
    return (pid) => snapshot.get(pid)
  }
}

function safeName(k: Kernel32, pid: number): string | undefined {
  try {
    return processName(k, pid)
  } catch {
    return undefined
  }
}
