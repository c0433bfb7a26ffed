import { PortwardenError } from '../../shared/errors'
import type { HolderRecord } from '../../shared/holders'
import type { Protocol } from '../../shared/model'
import type { PortVerdict } from '../../shared/verdict'
import type { PortBackend } from '../platform/backend'
import type { ProcessActionsService } from './process-actions'
import type { RuntimeReservationService } from './runtime-reservations'

/** A process that holds some of the ports, to be ended. */
export interface HolderToEnd {
  pid: number
  name: string
  user?: string
  commandLine?: string
  identity?: string
  /** A `portwarden reserve`: ending it releases its blocks. */
  portwarden: boolean
  ports: number[]
}

/** What `free` will do, and what it cannot change, port by port. */
export interface FreePlan {
  protocol: Protocol
  verdicts: PortVerdict[]
  end: HolderToEnd[]
  /** Blocks this process holds (the app): released, not ended. */
  release: { token: string; ports: number[] }[]
  /** Why a port will stay blocked, or what else applies (TIME_WAIT, reserved, privileged). */
  notes: { port: number; text: string }[]
}

export interface FreeOutcome {
  port: number
  bindable: boolean
  /** Why not, after everything was done (the kernel's answer to a real bind). */
  why?: string
}

/** The seconds left of a TIME_WAIT, said plainly. */
const inSeconds = (ms: number) => `${Math.max(1, Math.ceil(ms / 1000))} s`

/**
 * Plans freeing ports from their verdicts: which processes to end (each once, however many ports
 * it holds), which of our blocks to release, and what nobody can change from here.
 */
export function planFree(
  verdicts: PortVerdict[],
  backend: PortBackend,
  otherPortwardens: readonly HolderRecord[],
): FreePlan {
  const protocol = verdicts[0]?.protocol ?? 'tcp'
  const plan: FreePlan = { protocol, verdicts, end: [], release: [], notes: [] }
  const byPid = new Map<number, HolderToEnd>()
  const holder = (pid: number, name: string, user: string | undefined, portwarden: boolean) => {
    let h = byPid.get(pid)
    if (!h) {
      const d = tryDetails(backend, pid)
      h = {
        pid,
        name: d?.name || name,
        user: d?.user ?? user,
        commandLine: d?.commandLine?.join(' '),
        identity: d?.identity,
        portwarden,
        ports: [],
      }
      byPid.set(pid, h)
      plan.end.push(h)
    }
    return h
  }
  const asRoot = process.getuid?.() === 0
  for (const v of verdicts) {
    for (const r of v.reasons) {
      // A reserved or excluded range is explained, never changed, bindable or not.
      if (!r.blocking && (r.code === 'reserved' || r.code === 'excluded'))
        plan.notes.push({ port: v.port, text: `${r.message} Left unchanged.` })
      if (!r.blocking || v.bindable) continue
      if (r.code === 'ours' && r.token) {
        const block = plan.release.find((b) => b.token === r.token)
        if (block) block.ports.push(v.port)
        else plan.release.push({ token: r.token, ports: [v.port] })
      } else if (r.code === 'portwarden' && r.pid) {
        const kind = otherPortwardens.find((h) => h.pid === r.pid)?.holder
        if (kind === 'cli') holder(r.pid, 'portwarden', undefined, true).ports.push(v.port)
        else
          plan.notes.push({
            port: v.port,
            text: `held by the Portwarden app (pid ${r.pid}): release it in that window`,
          })
      } else if (r.code === 'time-wait') {
        plan.notes.push({
          port: v.port,
          text:
            r.expiresMs === undefined
              ? 'a closed connection in TIME_WAIT: the kernel frees it within 60 s'
              : `a closed connection in TIME_WAIT: the kernel frees it in ${inSeconds(r.expiresMs)}`,
        })
      } else if (r.code === 'in-use' && r.owners?.length) {
        for (const o of r.owners) {
          if (o.pid === process.pid) continue
          const h = holder(o.pid, o.name, o.user, false)
          if (!h.ports.includes(v.port)) h.ports.push(v.port)
        }
      } else if (r.code === 'in-use' && !asRoot) {
        plan.notes.push({ port: v.port, text: `${r.message} Run with sudo to see and end it.` })
      } else {
        plan.notes.push({ port: v.port, text: `${r.message} Left unchanged.` })
      }
    }
  }
  return plan
}

function tryDetails(backend: PortBackend, pid: number) {
  try {
    return backend.processes?.details(pid)
  } catch {
    return undefined
  }
}

/** Asks the kernel: bind the port the way a reservation does (every address), then let go. */
export function bindNow(backend: PortBackend, protocol: Protocol, port: number): FreeOutcome {
  try {
    backend.acquireBlock({ protocol, startPort: port, count: 1 }).release()
    return { port, bindable: true }
  } catch (err) {
    return { port, bindable: false, why: err instanceof Error ? err.message : String(err) }
  }
}

export interface FreeProgress {
  (line: string): void
}

/**
 * Carries out a plan: releases our blocks, ends each holder (SIGTERM and a wait; SIGKILL after it
 * when `force`), then binds every port for real. Returns one outcome per port.
 */
export async function carryOutFree(
  plan: FreePlan,
  deps: {
    backend: PortBackend
    runtime: RuntimeReservationService
    actions: ProcessActionsService
  },
  options: { force: boolean; waitMs?: number; say?: FreeProgress },
): Promise<FreeOutcome[]> {
  const say = options.say ?? (() => undefined)
  for (const b of plan.release) {
    deps.runtime.release(b.token)
    say(`released block ${b.token}`)
  }
  for (const h of plan.end) {
    const who = `${h.name} (pid ${h.pid})`
    try {
      const r = await deps.actions.endProcess({
        pid: h.pid,
        force: false,
        identity: h.identity,
        waitMs: options.waitMs ?? 5000,
      })
      if (r.exited) say(`${who} exited after ${r.signal}`)
      else if (options.force) {
        const k = await deps.actions.endProcess({
          pid: h.pid,
          force: true,
          identity: h.identity,
          waitMs: 2000,
        })
        say(k.exited ? `${who} killed (SIGKILL)` : `${who} is still running after SIGKILL`)
      } else say(`${who} is still running after SIGTERM (use --force to send SIGKILL)`)
    } catch (err) {
      if (err instanceof PortwardenError && err.kind === 'not-found') say(`${who}: ${err.message}`)
      else say(`${who}: not ended: ${err instanceof Error ? err.message : String(err)}`)
    }
  }
  return plan.verdicts.map((v) => bindNow(deps.backend, plan.protocol, v.port))
}
