import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
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

export interface ReservedPortsOptions {
  /** Where the sysctl lives (tests never change the default: they run in their own netns). */
  procRoot?: string
  /** The sysctl.d file written when a change is to survive a reboot. */
  persistFile?: string
}

/**
 * `net.ipv4.ip_local_reserved_ports` keeps ports away from automatic assignment (bind(0),
 * connect); an explicit bind still succeeds. Writing replaces the whole list, so every change
 * reads the list, edits it, and writes all of it back.
 */
export class ReservedPorts {
  constructor(private readonly options: ReservedPortsOptions = {}) {}

  list(): PortSpan[] {
    return parseReservedPorts(readIpv4Sysctl('ip_local_reserved_ports', this.options.procRoot))
  }

  add(span: PortSpan, persist = false): PortSpan[] {
    return this.write(normalizeSpans([...this.list(), span]), persist)
  }

  remove(span: PortSpan, persist = false): PortSpan[] {
    const current = this.list()
    if (!current.some((s) => spansOverlap(s, span))) {
      throw new PortwardenError('not-found', `No reserved range covers ${formatSpan(span)}.`)
    }
    return this.write(subtractSpan(current, span), persist)
  }

  /**
   * With `persist`, the sysctl.d file is staged first and renamed into place only after the
   * kernel took the new list: any failure leaves both the kernel and the file as they were.
   */
  private write(spans: PortSpan[], persist: boolean): PortSpan[] {
    const text = formatPortList(spans)
    const staged = persist ? this.stagePersistFile(text) : undefined
    const file = join(this.options.procRoot ?? '/proc/sys/net/ipv4', 'ip_local_reserved_ports')
    try {
      writeFileSync(file, text === '' ? '\n' : text)
    } catch (err) {
      if (staged) removeQuietly(staged.temp)
      throw writeError(err, `${SYSCTL}=${text}`)
    }
    if (staged) renameSync(staged.temp, staged.file)
    return this.list()
  }

  private stagePersistFile(text: string): { temp: string; file: string } {
    const file = this.options.persistFile ?? DEFAULT_PERSIST_FILE
    const temp = `${file}.${process.pid}.tmp`
    const body = `# Written by Portwarden: ports kept away from automatic assignment.\n${SYSCTL} = ${text}\n`
    try {
      mkdirSync(dirname(file), { recursive: true })
      writeFileSync(temp, body, { mode: 0o644 })
    } catch (err) {
      removeQuietly(temp)
      throw writeError(err, `${SYSCTL} = ${text} in ${file}`)
    }
    return { temp, file }
  }
}

/** Cleanup that must not mask the error being reported. */
function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true })
  } catch {
    // the directory itself is out of reach; nothing was created there
  }
}

function writeError(err: unknown, what: string): PortwardenError {
  const code = (err as NodeJS.ErrnoException).code
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new PortwardenError(
      'permission-denied',
      'Changing reserved ports needs root: run Portwarden with sudo, or run `sudo sysctl -w ' +
        `${what}\` yourself.`,
      String(err),
    )
  }
  return new PortwardenError('internal', `Could not write ${what}.`, String(err))
}
