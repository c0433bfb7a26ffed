import { PortwardenError } from '../../shared/errors'
import {
  ConnectionRequest,
  EndProcessRequest,
  PidRequest,
  type EndProcessResult,
  type ProcessDetails,
} from '../../shared/process-actions'
import { parseInput } from '../../shared/validate'
import type { PortBackend } from '../platform/backend'
import type { ProcessBackend } from '../platform/process-backend'

/**
 * Runs one signal through the platform's elevated helper (pkexec on Linux, UAC on Windows) for a
 * process Portwarden may not signal itself, only while `identity` still names it. Resolves once
 * sent; rejects when refused.
 */
export type ElevatedSignal = (
  pid: number,
  force: boolean,
  identity: string,
  reason: string,
) => Promise<void>

/** A native yes/no question asked in the main process before anything is elevated. */
export type ConfirmInMain = (message: string, detail: string) => Promise<boolean>

export interface ProcessActionsOptions {
  elevate?: ElevatedSignal
  confirm?: ConfirmInMain
  /** Test seam: waits between checks for the process to exit. */
  sleep?: (ms: number) => Promise<void>
}

const DEFAULT_WAIT_MS = 3000
const POLL_MS = 50
const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/**
 * Acting on other processes: who one is, ending it (SIGTERM, then SIGKILL when asked), closing
 * one of its connections. A pid is only signalled while it still names the process the user saw
 * (its identity), never Portwarden itself.
 */
export class ProcessActionsService {
  private readonly sleep: (ms: number) => Promise<void>

  constructor(
    private readonly backend: PortBackend,
    private readonly options: ProcessActionsOptions = {},
  ) {
    this.sleep = options.sleep ?? realSleep
  }

  private get os(): ProcessBackend {
    const p = this.backend.processes
    if (!p)
      throw new PortwardenError(
        'not-supported',
        `Acting on processes is not available with the ${this.backend.id} backend.`,
      )
    return p
  }

  details(input: PidRequest): ProcessDetails {
    return this.os.details(parseInput(PidRequest, input).pid)
  }

  async endProcess(input: EndProcessRequest): Promise<EndProcessResult> {
    const req = parseInput(EndProcessRequest, input)
    const os = this.os
    if (req.pid === process.pid)
      throw new PortwardenError(
        'invalid-input',
        'That is this Portwarden: quit it instead (its blocks are released on quit).',
      )
    const identity = req.identity ?? os.identity(req.pid)
    if (!identity || !os.isRunning(req.pid, identity)) {
      throw new PortwardenError(
        'not-found',
        os.isRunning(req.pid)
          ? `Pid ${req.pid} now belongs to another process: nothing was sent.`
          : `Process ${req.pid} has already exited.`,
      )
    }
    const force = req.force || !os.gracefulEnd
    let elevated = false
    try {
      os.signal(req.pid, force)
    } catch (err) {
      if (!(err instanceof PortwardenError) || err.kind !== 'permission-denied') throw err
      await this.elevatedSignal(req.pid, force, identity, err)
      elevated = true
    }
    const waitMs = req.waitMs ?? DEFAULT_WAIT_MS
    const started = Date.now()
    let exited = !os.isRunning(req.pid, identity)
    while (!exited && Date.now() - started < waitMs) {
      await this.sleep(POLL_MS)
      exited = !os.isRunning(req.pid, identity)
    }
    return {
      pid: req.pid,
      signal: force ? 'SIGKILL' : 'SIGTERM',
      exited,
      waitedMs: Date.now() - started,
      elevated,
    }
  }

  /** Another user's process: ask in main, then through the elevated helper, or say how. */
  private async elevatedSignal(
    pid: number,
    force: boolean,
    identity: string,
    denied: PortwardenError,
  ) {
    const { elevate, confirm } = this.options
    if (!elevate) throw denied
    const who = this.os.details(pid)
    const what = `${force ? 'Kill' : 'End'} ${who.name} (pid ${pid}${who.user ? `, user ${who.user}` : ''})?`
    const detail = `${who.commandLine?.join(' ') ?? who.exe ?? who.name}\n\nIt belongs to another user, so this needs administrator rights.`
    if (confirm && !(await confirm(what, detail)))
      throw new PortwardenError('permission-denied', 'Not ended: elevation was declined.')
    await elevate(pid, force, identity, what)
  }

  closeConnection(input: ConnectionRequest): void {
    this.os.closeConnection(parseInput(ConnectionRequest, input))
  }
}
