import { z } from 'zod'
import { MAX_PORT, Port, Protocol } from './model'
import { terminalCommandText } from './terminal-command'

export { ElevationInfo } from './model'

/**
 * What Portwarden asks its small elevated helper to do — one thing per run, with values that
 * were validated here first. The app itself never runs as root: on Linux the helper runs through
 * `pkexec` (polkit action org.portwarden.helper), on Windows through UAC.
 */
const ReservedSpan = {
  startPort: Port,
  count: z
    .number()
    .int()
    .min(1, 'A range holds at least 1 port')
    .max(MAX_PORT, `A range holds at most ${MAX_PORT} ports`),
  /** Linux: also Portwarden's own persisted set (/etc/sysctl.d). Windows' are always persistent. */
  persist: z.boolean().default(false),
  /** Windows: whose persistent reservation. Linux's one list covers both. */
  protocol: Protocol.optional(),
}
const withinPorts = (r: { startPort: number; count: number }) =>
  r.startPort + r.count - 1 <= MAX_PORT
const pastEnd = { message: `The range runs past port ${MAX_PORT}`, path: ['count'] }

/** Linux: the boot id and /proc/PID/stat start time ("<boot id>:<ticks>"), as ProcessDetails has it. */
export const LINUX_PROCESS_IDENTITY =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:\d{1,20}$/

/** Windows: the process's creation time (FILETIME, decimal). */
export const WINDOWS_PROCESS_IDENTITY = /^\d{1,20}$/

export const ElevationRequest = z.discriminatedUnion('action', [
  z
    .strictObject({ action: z.literal('reserved-add'), ...ReservedSpan })
    .refine(withinPorts, pastEnd),
  z
    .strictObject({ action: z.literal('reserved-remove'), ...ReservedSpan })
    .refine(withinPorts, pastEnd),
  z.strictObject({
    action: z.literal('kill'),
    pid: z
      .number()
      .int()
      .min(2, 'pid 1 (init) is never ended')
      .max(2 ** 31 - 1),
    /** What tells this process from a later one with the same pid: refused when it differs. */
    identity: z
      .string()
      .max(200)
      .refine(
        (id) => LINUX_PROCESS_IDENTITY.test(id) || WINDOWS_PROCESS_IDENTITY.test(id),
        'A process identity is "<boot id>:<start ticks>" (Linux) or a creation time (Windows)',
      ),
    /** SIGKILL (Windows: TerminateProcess either way) instead of SIGTERM. */
    force: z.boolean().default(false),
  }),
])
export type ElevationRequest = z.input<typeof ElevationRequest>
export type ParsedElevationRequest = z.infer<typeof ElevationRequest>

/**
 * The command a user can run in a terminal instead (where no elevation prompt is available),
 * built from the parsed request only.
 */
export function terminalCommand(request: ElevationRequest, platform: string): string {
  return terminalCommandText(ElevationRequest.parse(request), platform)
}

/** What the helper's `kill` answers: the signal went to the process the caller saw. */
export const ElevatedKillResult = z.strictObject({
  pid: z.number().int().min(2),
  signal: z.enum(['SIGTERM', 'SIGKILL']),
})
export type ElevatedKillResult = z.infer<typeof ElevatedKillResult>
