import { readFileSync, readdirSync, readlinkSync } from 'node:fs'
import type { SocketOwner } from '../../../shared/sockets'

export interface OwnerScan {
  /** Socket inode → the processes holding a descriptor of it. */
  byInode: Map<number, SocketOwner[]>
  /** False when some process's descriptors could not be read (another user's, without root). */
  complete: boolean
}

/** Errors that only mean the process exited or closed the descriptor while we looked. */
const GONE = new Set(['ENOENT', 'ESRCH'])
const SOCKET_LINK = 'socket:['

const errorCode = (err: unknown) => (err as NodeJS.ErrnoException).code ?? ''

/** A process's socket inodes; 'gone' when it exited, 'denied' when its descriptors are not ours to read. */
export type ProcessSockets = number[] | 'gone' | 'denied'

/**
 * Every socket inode `pid` holds a descriptor of, read from its /proc/<pid>/fd links (the kernel
 * keeps no map from socket to process). A process that exits meanwhile is 'gone'; one whose
 * links cannot be read (another user's, without root) is 'denied'.
 */
export function readProcessSockets(pid: number | string): ProcessSockets {
  const dir = `/proc/${pid}/fd/`
  let fds: string[]
  try {
    fds = readdirSync(dir)
  } catch (err) {
    return GONE.has(errorCode(err)) ? 'gone' : 'denied' // EACCES: another user's process
  }
  const inodes: number[] = []
  for (const fd of fds) {
    let link: string
    try {
      link = readlinkSync(dir + fd)
    } catch (err) {
      if (GONE.has(errorCode(err))) continue // that descriptor was closed meanwhile
      return 'denied' // e.g. a process with more privileges: so will the rest be
    }
    if (link.startsWith(SOCKET_LINK)) inodes.push(Number(link.slice(SOCKET_LINK.length, -1)))
  }
  return inodes
}

/** Appends `owner` to each inode's owner list. */
export function addOwner(
  byInode: Map<number, SocketOwner[]>,
  inodes: Iterable<number>,
  owner: SocketOwner,
): void {
  for (const inode of inodes) {
    const owners = byInode.get(inode)
    if (owners) owners.push(owner)
    else byInode.set(inode, [owner])
  }
}

/**
 * Finds the owners of sockets by reading every /proc/<pid>/fd link, all of them, every time
 * (the CLI's one-shot listings; the app's poller keeps an OwnerCache instead). Only `inodes`
 * are looked for when given.
 */
export function scanSocketOwners(inodes?: ReadonlySet<number>): OwnerScan {
  const byInode = new Map<number, SocketOwner[]>()
  let complete = true
  for (const entry of readdirSync('/proc')) {
    const first = entry.charCodeAt(0)
    if (first < 48 || first > 57) continue // not a process directory
    const found = readProcessSockets(entry)
    if (found === 'denied') complete = false
    if (typeof found === 'string') continue
    const held = inodes ? found.filter((i) => inodes.has(i)) : found
    if (held.length === 0) continue
    const owner = describeProcess(Number(entry))
    if (!owner) continue // exited meanwhile: its descriptors are gone with it
    addOwner(byInode, new Set(held), owner)
  }
  return { byInode, complete }
}

/**
 * pid, name (comm) and user of a process; undefined when it has exited. These files are world-
 * readable, so any other failure is odd: the owner is still reported, without a name.
 */
export function describeProcess(pid: number): SocketOwner | undefined {
  try {
    const comm = readFileSync(`/proc/${pid}/comm`, 'utf8')
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    // "Uid:\treal\teffective\tsaved\tfs": the effective uid is who the process acts as, as in ps.
    const uid = /^Uid:\s+\d+\s+(\d+)/m.exec(status)?.[1]
    const user = uid === undefined ? undefined : userName(Number(uid))
    const name = comm.endsWith('\n') ? comm.slice(0, -1) : comm
    return user === undefined ? { pid, name } : { pid, name, user }
  } catch (err) {
    return GONE.has(errorCode(err)) ? undefined : { pid, name: '' }
  }
}

let usersById: Map<number, string> | undefined

/** The name /etc/passwd gives `uid`, read once; users known only to NSS (LDAP…) have none. */
export function userName(uid: number): string | undefined {
  if (!usersById) {
    usersById = new Map()
    let passwd = ''
    try {
      passwd = readFileSync('/etc/passwd', 'utf8')
    } catch {
      // no passwd file (minimal containers): owners simply carry no user name
    }
    for (const line of passwd.split('\n')) {
      const [name, , id] = line.split(':')
      if (name && id && /^\d+$/.test(id) && !usersById.has(Number(id)))
        usersById.set(Number(id), name)
    }
  }
  return usersById.get(uid)
}
