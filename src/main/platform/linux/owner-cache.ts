import { openSync, readSync, closeSync, readdirSync, statSync } from 'node:fs'
import type { SocketOwner } from '../../../shared/sockets'
import { addOwner, describeProcess, readProcessSockets, type OwnerScan } from './owners'

const EMPTY: ReadonlySet<number> = new Set()

/** What the cache remembers of one process between polls. */
interface KnownProcess {
  /** /proc/<pid>/stat field 22 (clock ticks since boot): a reused pid has another. */
  startTime: string
  /** Open descriptors, from stat(/proc/<pid>/fd).st_size (Linux 6.2+). */
  fdCount: number
  /**
   * The fd directory's inode number: /proc numbers each one it makes afresh, so while it is
   * unchanged this is the same process and the start time need not be read again.
   */
  fdIno: number
  /** Socket inodes it held when last read; empty when it held none. */
  inodes: number[]
  owner?: SocketOwner
  denied: boolean
}

/** Whether a process read again holds the same sockets, under the same name, as before. */
function sameSockets(a?: KnownProcess, b?: KnownProcess): boolean {
  if (!a || !b || a.inodes.length !== b.inodes.length) return false
  if (a.owner?.name !== b.owner?.name || a.owner?.user !== b.owner?.user) return false
  const held = new Set(a.inodes)
  return b.inodes.every((i) => held.has(i))
}

/** What the last scan cost, for tests and the bench: how many processes had their fds read. */
export interface OwnerCacheStats {
  processes: number
  /** Whether any socket's owners may differ from the scan before. */
  changed: boolean
  /** pids whose descriptors were read in the last scan. */
  rescanned: string[]
  full: boolean
}

const statBuffer = Buffer.alloc(1024)

/** Field 22 of /proc/<pid>/stat; undefined when the process is gone. */
function startTimeOf(pid: string): string | undefined {
  let fd: number
  try {
    fd = openSync(`/proc/${pid}/stat`, 'r')
  } catch {
    return undefined
  }
  try {
    const text = statBuffer.toString('latin1', 0, readSync(fd, statBuffer, 0, 1024, 0))
    // comm (field 2) may hold spaces and parentheses: count fields after the last ')'.
    return text.slice(text.lastIndexOf(')') + 2).split(' ', 20)[19]
  } catch {
    return undefined
  } finally {
    closeSync(fd)
  }
}

/**
 * stat(/proc/<pid>/fd): its size is the number of open descriptors (Linux 6.2+; -1 when the
 * process is gone), its inode number that of this process's fd directory as /proc made it.
 */
function fdDirOf(pid: string): { count: number; ino: number } {
  try {
    const st = statSync(`/proc/${pid}/fd`)
    return { count: st.size, ino: st.ino }
  } catch {
    return { count: -1, ino: -1 }
  }
}

const fdCountOf = (pid: string) => fdDirOf(pid).count

/**
 * inode → owner, kept between polls. Reading every /proc/<pid>/fd link is most of a listing's
 * cost (one readlink per descriptor of every process), and between two polls a second apart
 * almost no process changes its descriptors. So each poll reads only the processes that are
 * new (pid or start time) or whose descriptor count changed, and forgets those that exited.
 *
 * A process can close one socket and open another between polls and keep its count: its new
 * socket then shows up in the dump with no known owner, and the socket it closed has left the
 * dump; the processes that held a socket gone from the dump are read again. Every `fullEvery`
 * polls the cache reads everything again, whatever the counts say (a descriptor that was a file
 * and is now a socket leaves no such trace).
 */
export class OwnerCache {
  private known = new Map<string, KnownProcess>()
  private byInode = new Map<number, SocketOwner[]>()
  private unresolved = new Set<number>()
  private lastWanted: ReadonlySet<number> = new Set()
  private polls = 0
  /** Inodes whose owners changed in the current scan (each update() adds those it touches). */
  private touched = new Set<number>()
  private walked: { rescanned: string[]; changes: number } = { rescanned: [], changes: 0 }
  private readonly countsWork: boolean
  stats: OwnerCacheStats = { processes: 0, changed: true, rescanned: [], full: true }

  constructor(private readonly fullEvery = 30) {
    // Kernels before 6.2 report 0 for every fd directory: then every poll is a full one.
    this.countsWork = fdCountOf('self') > 0
  }

  /** Owners of the sockets whose inodes the dump listed (`wanted`), and of every other socket. */
  scan(wanted: ReadonlySet<number>): OwnerScan {
    const full = this.walk()
    const chased = this.chaseUnknown(wanted, full)
    return this.finish(full, chased)
  }

  /**
   * The same, told only what changed in the dump since the last scan: the inodes of sockets
   * new to it (`fresh`) and of those gone from it (`gone`). Every `fullEvery` polls (and on
   * kernels without fd counts, every poll) it reads everything again and asks `all()` for
   * every inode of the dump. `touched` says which inodes' owners may have changed ('all' after
   * a full read): a listing need look at no other socket.
   */
  scanChanges(
    fresh: readonly number[],
    gone: readonly number[],
    all: () => ReadonlySet<number>,
  ): OwnerScan & { touched: ReadonlySet<number> | 'all' } {
    const full = this.walk()
    if (full) {
      const wanted = all()
      const chased = this.chaseUnknown(wanted, true)
      return { ...this.finish(true, chased), touched: 'all' }
    }
    const chased = this.chaseFresh(fresh, gone)
    return { ...this.finish(false, chased), touched: this.touched }
  }

  /**
   * Reads the processes that are new or changed since the last scan (all of them on a full
   * poll), updates the owners of the inodes they held or hold, and forgets those that exited.
   * True on a full poll.
   */
  private walk(): boolean {
    const full = !this.countsWork || this.polls++ % this.fullEvery === 0
    this.touched = new Set()
    const seen = new Map<string, KnownProcess>()
    const changes: [KnownProcess | undefined, KnownProcess | undefined, string][] = []
    const rescanned: string[] = []
    for (const pid of readdirSync('/proc')) {
      const first = pid.charCodeAt(0)
      if (first < 48 || first > 57) continue // not a process directory
      const dir = fdDirOf(pid)
      const before = this.known.get(pid)
      if (!full && before && before.fdIno === dir.ino && before.fdCount === dir.count) {
        seen.set(pid, before) // one stat: same directory, same count
        continue
      }
      const startTime = startTimeOf(pid)
      if (startTime === undefined) continue // exited
      if (!full && before && before.startTime === startTime && before.fdCount === dir.count) {
        seen.set(pid, { ...before, fdIno: dir.ino }) // /proc made the directory again; same process
        continue
      }
      const read = this.read(pid, startTime, dir.count, dir.ino)
      rescanned.push(pid)
      if (read) seen.set(pid, read)
      // A process that opened or closed a file, not a socket, changes no owner.
      if ((read?.inodes.length || before?.inodes.length) && !sameSockets(before, read))
        changes.push([before, read, pid])
    }
    for (const [pid, p] of this.known) if (!seen.has(pid)) changes.push([p, undefined, pid]) // exited
    this.known = seen
    if (full) this.rebuild()
    else for (const [before, after, pid] of changes) this.update(pid, before, after)
    this.walked = { rescanned, changes: changes.length }
    return full
  }

  private finish(full: boolean, chased: string[]): OwnerScan {
    const rescanned = [...this.walked.rescanned, ...chased]
    const changed = full || this.walked.changes > 0 || chased.length > 0
    this.stats = { processes: this.known.size, changed, rescanned, full }
    let complete = true
    for (const p of this.known.values()) if (p.denied) complete = false
    return { byInode: this.byInode, complete }
  }

  /** Reads one process's socket inodes and, if it holds any, who it is. */
  private read(
    pid: string,
    startTime: string,
    fdCount: number,
    fdIno: number,
  ): KnownProcess | undefined {
    const found = readProcessSockets(pid)
    if (found === 'gone') return undefined
    const denied = found === 'denied'
    const inodes = denied ? [] : found
    const owner = inodes.length ? describeProcess(Number(pid)) : undefined
    if (inodes.length && !owner) return undefined // exited meanwhile
    return { startTime, fdCount, fdIno, inodes, owner, denied }
  }

  private rebuild(): void {
    this.byInode = new Map()
    for (const p of this.known.values()) if (p.owner) addOwner(this.byInode, p.inodes, p.owner)
  }

  /**
   * One process re-read (or gone): its old sockets lose it as an owner, its new ones gain it.
   * Touches only those inodes, and gives each a new owner array (listings hold the old ones).
   */
  private update(pid: string, before?: KnownProcess, after?: KnownProcess): void {
    const n = Number(pid)
    const was: ReadonlySet<number> = before?.owner ? new Set(before.inodes) : EMPTY
    const is: ReadonlySet<number> = after?.owner ? new Set(after.inodes) : EMPTY
    // The same process described the same way: a socket it still holds keeps its owners, and
    // only the sockets it dropped or took are touched (a poll after 50 sockets of a process
    // of 1,000 were swapped touches 100 inodes, not 2,000).
    const a = before?.owner
    const b = after?.owner
    const same = a && b && a.pid === b.pid && a.name === b.name && a.user === b.user
    for (const inode of was) {
      if (same && is.has(inode)) continue
      const owners = this.byInode.get(inode)?.filter((o) => o.pid !== n)
      if (owners?.length) this.byInode.set(inode, owners)
      else this.byInode.delete(inode)
      this.touched.add(inode)
    }
    if (!b) return
    for (const inode of is) {
      if (same && was.has(inode)) continue
      this.byInode.set(inode, [...(this.byInode.get(inode) ?? []), b])
      this.touched.add(inode)
    }
  }

  /**
   * chaseUnknown told only the dump's changes: sockets new to it that no known process holds,
   * and were not already unknown, mean a process swapped a socket for another and kept its
   * descriptor count; the processes to read again are the owners of the sockets that left.
   */
  private chaseFresh(fresh: readonly number[], gone: readonly number[]): string[] {
    for (const inode of gone) this.unresolved.delete(inode)
    const unknown = fresh.filter((i) => i !== 0 && !this.byInode.has(i) && !this.unresolved.has(i))
    const reread: string[] = []
    if (unknown.length > 0) {
      const pids = new Set<number>()
      for (const inode of gone) for (const o of this.byInode.get(inode) ?? []) pids.add(o.pid)
      for (const n of pids) {
        const pid = String(n)
        const p = this.known.get(pid)
        if (!p) continue
        const read = this.read(pid, p.startTime, p.fdCount, p.fdIno)
        reread.push(pid)
        if (read) this.known.set(pid, read)
        else this.known.delete(pid)
        this.update(pid, p, read)
      }
    }
    // Unknown sockets that a process read since has claimed are known now; new ones join.
    for (const inode of this.touched) if (this.byInode.has(inode)) this.unresolved.delete(inode)
    for (const inode of unknown) if (!this.byInode.has(inode)) this.unresolved.add(inode)
    // scan() after this would compare with an old list; with none it chases nothing instead.
    this.lastWanted = EMPTY
    return reread
  }

  /**
   * Sockets in the dump that no known process holds, and that were not already unknown last
   * time: a process swapped a socket for another and kept its descriptor count. The processes
   * to read again are those holding a socket that has since left the dump (the one swapped out).
   */
  private chaseUnknown(wanted: ReadonlySet<number>, full: boolean): string[] {
    const stillUnknown = new Set<number>()
    let fresh = false
    for (const inode of wanted) {
      if (inode === 0 || this.byInode.has(inode)) continue
      stillUnknown.add(inode)
      if (!this.unresolved.has(inode)) fresh = true
    }
    const reread: string[] = []
    if (fresh && !full) {
      for (const [pid, p] of this.known) {
        if (!p.inodes.some((i) => this.lastWanted.has(i) && !wanted.has(i))) continue
        const read = this.read(pid, p.startTime, p.fdCount, p.fdIno)
        reread.push(pid)
        if (read) this.known.set(pid, read)
        else this.known.delete(pid)
        this.update(pid, p, read)
      }
      for (const inode of stillUnknown) if (this.byInode.has(inode)) stillUnknown.delete(inode)
    }
    this.unresolved = stillUnknown
    this.lastWanted = wanted
    return reread
  }
}
