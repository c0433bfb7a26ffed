import { randomBytes } from '../../lazy-crypto'
import {
  closeSync,
  constants,
  fstatSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { PortwardenError } from '../../../shared/errors'
import {
  formatPortList,
  formatSpan,
  normalizeSpans,
  spansOverlap,
  subtractSpan,
  type PortSpan,
} from '../../../shared/ranges'
import { parseReservedPorts, readIpv4Sysctl } from './sysctl'

const SYSCTL = 'net.ipv4.ip_local_reserved_ports'
export const DEFAULT_PERSIST_FILE = '/etc/sysctl.d/60-portwarden-reserved-ports.conf'
const HEADER = '# Written by Portwarden: ports kept away from automatic assignment.'
const MAX_PERSIST_FILE_BYTES = 64 << 10

export interface ReservedPortsOptions {
  /** Where the sysctl lives (tests never change the default: they run in their own netns). */
  procRoot?: string
  /** Portwarden's own sysctl.d file: the ranges it keeps across reboots. */
  persistFile?: string
}

/**
 * `net.ipv4.ip_local_reserved_ports` keeps ports away from automatic assignment (bind(0),
 * connect); an explicit bind still succeeds. Writing replaces the whole list, so every change
 * reads the list, edits it, and writes all of it back.
 *
 * What survives a reboot is Portwarden's own set, in its own sysctl.d file: `persist` edits that
 * set (never a copy of the live list, which holds other tools' ranges too). An empty set removes
 * the file. The file is written to a fresh temp file, fsynced, renamed into place after the
 * kernel took the change, and the directory fsynced, so a crash leaves the old file or the new.
 */
export class ReservedPorts {
  constructor(private readonly options: ReservedPortsOptions = {}) {}

  list(): PortSpan[] {
    return parseReservedPorts(readIpv4Sysctl('ip_local_reserved_ports', this.options.procRoot))
  }

  /** Portwarden's persisted set: what its sysctl.d file brings back at boot. */
  persisted(): PortSpan[] {
    const text = readSmallFile(this.persistFile)
    if (text === undefined) return []
    const values: string[] = []
    for (const raw of text.split('\n')) {
      const line = raw.trim()
      if (line === '' || line.startsWith('#') || line.startsWith(';')) continue
      const m = /^net[./]ipv4[./]ip_local_reserved_ports\s*=\s*(.*)$/.exec(line)
      if (!m) throw editedByHand(this.persistFile, line)
      values.push(m[1]!)
    }
    if (values.length > 1) throw editedByHand(this.persistFile, 'more than one setting')
    try {
      return normalizeSpans(parseReservedPorts(values[0] ?? ''))
    } catch {
      throw editedByHand(this.persistFile, values[0]!)
    }
  }

  add(span: PortSpan, persist = false): PortSpan[] {
    const saved = persist ? normalizeSpans([...this.persisted(), span]) : undefined
    return this.write(normalizeSpans([...this.list(), span]), saved)
  }

  /**
   * Removes `span` from the live list; with `persist`, from the persisted set too (also when
   * only the set still has it: the range that would come back at boot).
   */
  remove(span: PortSpan, persist = false): PortSpan[] {
    const live = this.list()
    const saved = persist ? this.persisted() : undefined
    const inLive = live.some((s) => spansOverlap(s, span))
    const inSaved = saved?.some((s) => spansOverlap(s, span)) ?? false
    if (!inLive && !inSaved) {
      throw new PortwardenError('not-found', `No reserved range covers ${formatSpan(span)}.`)
    }
    return this.write(
      inLive ? subtractSpan(live, span) : undefined,
      saved && subtractSpan(saved, span),
    )
  }

  private get persistFile(): string {
    return this.options.persistFile ?? DEFAULT_PERSIST_FILE
  }

  /**
   * The persisted set is staged first; it replaces the file only after the kernel took the live
   * list, so any failure leaves both the kernel and the file as they were.
   */
  private write(live: PortSpan[] | undefined, saved: PortSpan[] | undefined): PortSpan[] {
    const staged = saved && saved.length ? this.stage(formatPortList(saved)) : undefined
    if (live) {
      const text = formatPortList(live)
      const file = join(this.options.procRoot ?? '/proc/sys/net/ipv4', 'ip_local_reserved_ports')
      try {
        writeFileSync(file, text === '' ? '\n' : text)
      } catch (err) {
        if (staged) removeQuietly(staged)
        throw writeError(err, `${SYSCTL}=${text}`)
      }
    }
    if (saved) {
      try {
        if (staged) renameSync(staged, this.persistFile)
        else unlinkIfPresent(this.persistFile) // an empty set: no file, nothing at boot
        syncDirectory(dirname(this.persistFile))
      } catch (err) {
        if (staged) removeQuietly(staged)
        throw writeError(err, `${this.persistFile}`)
      }
    }
    return this.list()
  }

  /** A fresh temp file next to the target (random name, created exclusively), fsynced. */
  private stage(text: string): string {
    const file = this.persistFile
    const temp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`)
    const body = Buffer.from(`${HEADER}\n${SYSCTL} = ${text}\n`)
    let fd: number | undefined
    try {
      mkdirSync(dirname(file), { recursive: true })
      const flags =
        constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0)
      fd = openSync(temp, flags, 0o644)
      for (let off = 0; off < body.length;) off += writeSync(fd, body, off, body.length - off)
      fsyncSync(fd)
      closeSync(fd)
      fd = undefined
    } catch (err) {
      if (fd !== undefined) closeSync(fd)
      removeQuietly(temp)
      throw writeError(err, `${SYSCTL} = ${text} in ${file}`)
    }
    return temp
  }
}

/** The file's text, or undefined when there is none; only a small regular file is read. */
function readSmallFile(path: string): string | undefined {
  let fd: number
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | constants.O_NONBLOCK)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw writeError(err, path) // out of reach without root, most likely
  }
  try {
    const st = fstatSync(fd)
    if (!st.isFile() || st.size > MAX_PERSIST_FILE_BYTES)
      throw editedByHand(path, 'not a small regular file')
    const buf = Buffer.alloc(st.size)
    let len = 0
    for (let n; len < buf.length && (n = readSync(fd, buf, len, buf.length - len, null)) > 0;)
      len += n
    return buf.toString('utf8', 0, len)
  } finally {
    closeSync(fd)
  }
}

function syncDirectory(dir: string): void {
  const fd = openSync(dir, constants.O_RDONLY | (constants.O_DIRECTORY ?? 0))
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

function unlinkIfPresent(file: string): void {
  try {
    unlinkSync(file)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
  }
}

/** Cleanup that must not mask the error being reported. */
function removeQuietly(file: string): void {
  try {
    unlinkSync(file)
  } catch {
    // the directory itself is out of reach; nothing was created there
  }
}

const editedByHand = (file: string, what: string) =>
  new PortwardenError(
    'internal',
    `${file} holds something Portwarden did not write (${JSON.stringify(what.slice(0, 80))}); ` +
      'it is left as it is. Fix or remove it by hand.',
  )

function writeError(err: unknown, what: string): PortwardenError {
  if (err instanceof PortwardenError) return err
  const code = (err as NodeJS.ErrnoException).code
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new PortwardenError(
      'permission-denied',
      `Changing reserved ports needs root (writing ${what}); nothing was changed.`,
      String(err),
    )
  }
  return new PortwardenError(
    'internal',
    `Could not write ${what}; nothing was changed.`,
    String(err),
  )
}
