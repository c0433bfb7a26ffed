import { randomBytes } from '../lazy-crypto'
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PortwardenError } from '../../shared/errors'
import { HolderRecord, type HolderAnnouncement } from '../../shared/holders'

/**
 * Runtime reservations live inside the process that holds their sockets, so other Portwarden
 * processes (`portwarden list`, the app) learn about them from one small file per holder in a
 * directory only its user controls. Nothing in such a directory is trusted by its name: a file
 * is read only when it is a regular file owned by the directory's user (opened without following
 * links and without blocking, size-capped), and believed only while the process it names is
 * alive with the start time and boot it recorded, and runs as the file's owner. A holder killed
 * with -9 leaves its file behind; readers drop it (the kernel has freed the ports by then).
 */

const isLinuxLike = process.platform !== 'win32'
/** Generous: a record is ~130 bytes per reservation. Anything larger is not ours. */
export const MAX_HOLDER_FILE_BYTES = 8 << 20
const { O_RDONLY, O_WRONLY, O_CREAT, O_EXCL } = constants
const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0
const O_NONBLOCK = constants.O_NONBLOCK ?? 0
const HOLDER_NAME = /^(\d{1,10})\.json$/

const euid = (): number => process.geteuid?.() ?? 0

/** Why `dir` may not hold our holder files, or undefined when it is a private directory of ours. */
export function privateDirectoryProblem(dir: string, uid = euid()): string | undefined {
  let st: Stats
  try {
    st = lstatSync(dir)
  } catch (err) {
    return `it cannot be inspected (${(err as NodeJS.ErrnoException).code ?? String(err)})`
  }
  if (st.isSymbolicLink()) return 'a symbolic link'
  if (!st.isDirectory()) return 'not a directory'
  if (!isLinuxLike) return undefined // %TEMP% is per user, guarded by the profile's ACL
  if (st.uid !== uid) return `owned by uid ${st.uid}, not by you (uid ${uid})`
  if (st.mode & 0o077) return `open to other users (mode ${(st.mode & 0o777).toString(8)})`
  return undefined
}

/**
 * This user's holder directory: `$XDG_RUNTIME_DIR/portwarden` when that runtime directory is
 * really this user's (under `sudo` it is unset, or names the invoking user's); for root without
 * one, `/run/portwarden`; else `portwarden-UID` under the temp directory, which is used only
 * after `lstat` shows a private directory of ours there (see privateDirectoryProblem).
 * `PORTWARDEN_STATE_DIR` overrides the choice (tests), under the same checks.
 */
export function holderDirectory(env: NodeJS.ProcessEnv = process.env): string {
  if (env['PORTWARDEN_STATE_DIR']) return env['PORTWARDEN_STATE_DIR']
  return defaultHolderDirectory(env)
}

function defaultHolderDirectory(env: NodeJS.ProcessEnv): string {
  const runtime = env['XDG_RUNTIME_DIR']
  if (runtime && runtime.startsWith('/') && !privateDirectoryProblem(runtime)) {
    return join(runtime, 'portwarden')
  }
  if (isLinuxLike && euid() === 0) return '/run/portwarden'
  return join(tmpdir(), `portwarden-${process.getuid?.() ?? 'user'}`)
}

const refusal = (dir: string, why: string) =>
  new PortwardenError(
    'permission-denied',
    `Portwarden will not use ${JSON.stringify(dir)} for its holder files: it is ${why}. ` +
      'Another user may have created it first; remove it, or set XDG_RUNTIME_DIR to your own ' +
      'runtime directory.',
  )

/** Creates `dir` (0700) when absent; refuses it unless it is then a private directory of ours. */
function ensurePrivateDirectory(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 })
  } catch {
    // the check below says what is wrong with it
  }
  const why = privateDirectoryProblem(dir)
  if (why) throw refusal(dir, why)
}

// ---------------------------------------------------------------- process identity (Linux /proc)

let cachedBootId: string | undefined
function bootId(): string | undefined {
  if (!isLinuxLike) return undefined
  try {
    cachedBootId ??= readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()
  } catch {
    return undefined
  }
  return cachedBootId
}

interface LiveProcess {
  /** Field 22 of /proc/PID/stat. */
  start: string
  /** The effective uid (second number of status' Uid line). */
  uid: number
}

/** The live process with this pid, or undefined when there is none. */
function liveProcess(pid: number): LiveProcess | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // After the name in parentheses (which may contain ')' or spaces) comes field 3.
    const start = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]
    const uid = /^Uid:\s+\d+\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
    if (!start || !/^\d+$/.test(start) || uid === undefined) return undefined
    return { start, uid: Number(uid) }
  } catch {
    return undefined
  }
}

/** Where /proc is absent (Windows): only whether some process has the pid. */
function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

// ---------------------------------------------------------------- writing

let ownIdentity: Pick<HolderRecord, 'processStart' | 'bootId' | 'uid'> | undefined
function identityOfThisProcess(): Pick<HolderRecord, 'processStart' | 'bootId' | 'uid'> {
  if (ownIdentity) return ownIdentity
  const me = isLinuxLike ? liveProcess(process.pid) : undefined
  const boot = bootId()
  ownIdentity = me && boot ? { processStart: me.start, bootId: boot, uid: me.uid } : {}
  return ownIdentity
}

const fileOf = (dir: string, pid: number) => join(dir, `${pid}.json`)

/**
 * Writes this process's holder file (a fresh, exclusively created temp file with a random name,
 * renamed over the old one), or removes it when the process holds nothing. Throws a clear
 * `permission-denied` when the directory is not a private directory of ours.
 */
export function publishHolder(dir: string, announcement: HolderAnnouncement): void {
  const file = fileOf(dir, announcement.pid)
  if (announcement.reservations.length === 0) {
    try {
      unlinkSync(file)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
    }
    return
  }
  ensurePrivateDirectory(dir)
  const record: HolderRecord = { ...announcement, ...identityOfThisProcess() }
  const bytes = Buffer.from(JSON.stringify(record))
  const temp = join(dir, `.${announcement.pid}.${randomBytes(8).toString('hex')}.tmp`)
  const fd = openSync(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600)
  try {
    for (let off = 0; off < bytes.length;) off += writeSync(fd, bytes, off, bytes.length - off)
    closeSync(fd)
    renameSync(temp, file)
  } catch (err) {
    try {
      closeSync(fd)
    } catch {
      // closed already
    }
    try {
      unlinkSync(temp)
    } catch {
      // never created, or gone
    }
    throw err
  }
}

// ---------------------------------------------------------------- reading

/** A regular file's bytes, read without following a link or blocking; undefined otherwise. */
function readRegularFile(path: string): { text: string; owner: number } | undefined {
  let fd: number
  try {
    fd = openSync(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK)
  } catch {
    return undefined // a symlink (ELOOP), gone, or unreadable
  }
  try {
    const st = fstatSync(fd)
    if (!st.isFile() || st.size > MAX_HOLDER_FILE_BYTES) return undefined
    const buf = Buffer.alloc(Math.min(st.size, MAX_HOLDER_FILE_BYTES) + 1)
    let len = 0
    for (let n; len < buf.length && (n = readSync(fd, buf, len, buf.length - len, null)) > 0;)
      len += n
    if (len > MAX_HOLDER_FILE_BYTES) return undefined // grew while we read
    return { text: buf.toString('utf8', 0, len), owner: st.uid }
  } catch {
    return undefined
  } finally {
    closeSync(fd)
  }
}

interface DirectoryToRead {
  dir: string
  /** The user whose holders may be in it: every file must be theirs, and so must the process. */
  uid: number
  /** Stale files may be removed (our own directory). */
  ours: boolean
}

type Verdict = { believe: HolderRecord } | { stale: true } | { ignore: true }

function judge(pid: number, read: { text: string; owner: number }, uid: number): Verdict {
  if (isLinuxLike && read.owner !== uid) return { ignore: true }
  let parsed: HolderRecord
  try {
    const result = HolderRecord.safeParse(JSON.parse(read.text))
    if (!result.success || result.data.pid !== pid) return { ignore: true }
    parsed = result.data
  } catch {
    return { ignore: true }
  }
  if (!isLinuxLike) return pidAlive(pid) ? { believe: parsed } : { stale: true }
  const live = liveProcess(pid)
  if (!live) return { stale: true }
  // A record from an earlier boot, or from an earlier process that had this pid: not this one.
  if (parsed.bootId !== bootId() || parsed.processStart !== live.start) return { stale: true }
  if (live.uid !== read.owner) return { ignore: true }
  return { believe: { ...parsed, uid: read.owner } }
}

function readDirectory({ dir, uid, ours }: DirectoryToRead, into: Map<number, HolderRecord>) {
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return
  }
  for (const name of names) {
    const m = HOLDER_NAME.exec(name)
    if (!m) continue
    const pid = Number(m[1])
    if (pid < 1 || pid > 2 ** 31 - 1 || into.has(pid)) continue
    const path = join(dir, name)
    const read = readRegularFile(path)
    if (!read) continue
    const verdict = judge(pid, read, uid)
    if ('believe' in verdict) into.set(pid, verdict.believe)
    else if ('stale' in verdict && ours && read.owner === euid()) {
      try {
        unlinkSync(path)
      } catch {
        // removed meanwhile, or not ours after all: skipping it is enough
      }
    }
  }
}

/**
 * As root: the holder directories of other users' Portwardens — `/run/user/UID/portwarden` and
 * `/tmp/portwarden-UID` — each only when it and its parent belong to that UID and no one else
 * may write there.
 */
function otherUsersDirectories(own: string): DirectoryToRead[] {
  const out: DirectoryToRead[] = []
  const candidate = (parent: string | undefined, dir: string, uid: number) => {
    if (dir === own || uid === euid()) return
    if (parent) {
      const p = lstatSafe(parent)
      if (!p?.isDirectory() || p.uid !== uid) return
    }
    const d = lstatSafe(dir)
    if (!d?.isDirectory() || d.uid !== uid || d.mode & 0o022) return
    out.push({ dir, uid, ours: false })
  }
  for (const name of readdirSafe('/run/user')) {
    if (/^\d{1,10}$/.test(name))
      candidate(`/run/user/${name}`, `/run/user/${name}/portwarden`, Number(name))
  }
  for (const name of readdirSafe('/tmp')) {
    const m = /^portwarden-(\d{1,10})$/.exec(name)
    if (m) candidate(undefined, `/tmp/${name}`, Number(m[1]))
  }
  return out
}

function lstatSafe(path: string): Stats | undefined {
  try {
    return lstatSync(path)
  } catch {
    return undefined
  }
}
function readdirSafe(path: string): string[] {
  try {
    return readdirSync(path)
  } catch {
    return []
  }
}

const warned = new Set<string>()

export interface ReadHoldersOptions {
  /**
   * Also read other users' holder directories (only root can). Default: when running as root on
   * Linux and `dir` is the default location (not an override such as PORTWARDEN_STATE_DIR).
   */
  otherUsers?: boolean
}

/**
 * Every live, verified holder's record, by pid; stale files in our own directory are removed
 * on the way. One bad file never stops the others; a directory that is not a private one of
 * ours is not read at all (said once on stderr).
 */
export function readHolders(dir: string, options: ReadHoldersOptions = {}): HolderRecord[] {
  const records = new Map<number, HolderRecord>()
  const why = lstatSafe(dir) ? privateDirectoryProblem(dir) : undefined
  if (why) {
    if (!warned.has(dir)) {
      warned.add(dir)
      console.warn(`Portwarden: ${refusal(dir, why).message}`)
    }
  } else {
    readDirectory({ dir, uid: euid(), ours: true }, records)
  }
  const otherUsers =
    options.otherUsers ??
    (isLinuxLike && euid() === 0 && dir === defaultHolderDirectory(process.env))
  if (otherUsers) for (const d of otherUsersDirectories(dir)) readDirectory(d, records)
  return [...records.values()].sort((a, b) => a.pid - b.pid)
}
