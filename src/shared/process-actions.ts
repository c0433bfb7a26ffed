import { z } from 'zod'
import { Port, Protocol } from './model'
import { AddressFamily } from './sockets'

const Pid = z
  .number({ error: 'A pid must be a number' })
  .int('A pid must be a whole number')
  .min(1, 'A pid is at least 1')
  .max(2 ** 31 - 1, 'A pid fits in 31 bits')

/** Who a process is, as far as this OS lets Portwarden see. */
export const ProcessDetails = z.strictObject({
  pid: Pid,
  /** The kernel's short name (Linux comm), or the image name on Windows. */
  name: z.string(),
  /** Full path of the executable; absent when the OS will not say (another user's, without root). */
  exe: z.string().optional(),
  /** Arguments as the process was started, argv[0] first; absent when unreadable. */
  commandLine: z.array(z.string()).optional(),
  uid: z.number().int().min(0).optional(),
  user: z.string().optional(),
  /** When the process started (ISO 8601). */
  startedAt: z.iso.datetime().optional(),
  /**
   * What tells this process from a later one given the same pid (Linux: boot id + start time in
   * clock ticks). End-process requests carry it back, so a reused pid is never signalled.
   */
  identity: z.string().max(200).optional(),
  /** The systemd unit (Linux) or Windows service that runs it. */
  service: z.string().optional(),
  container: z.strictObject({ runtime: z.string(), id: z.string() }).optional(),
  /** This Portwarden itself. */
  self: z.boolean(),
  /** Runs as the same user as Portwarden (or Portwarden is privileged): ending it needs no elevation. */
  canSignal: z.boolean(),
})
export type ProcessDetails = z.infer<typeof ProcessDetails>

export const PidRequest = z.strictObject({ pid: Pid })
export type PidRequest = z.infer<typeof PidRequest>

export const EndProcessRequest = z.strictObject({
  pid: Pid,
  /** SIGKILL / TerminateProcess at once, instead of asking the process to exit (SIGTERM). */
  force: z.boolean(),
  /** ProcessDetails.identity as the user saw it: refused if the pid now names another process. */
  identity: z.string().max(200).optional(),
  /** How long to wait for the process to exit before answering (default 3000 ms). */
  waitMs: z.number().int().min(0).max(30_000).optional(),
})
export type EndProcessRequest = z.infer<typeof EndProcessRequest>

export const EndProcessResult = z.strictObject({
  pid: Pid,
  signal: z.enum(['SIGTERM', 'SIGKILL']),
  /** Gone within the wait; else still running (it may be shutting down, or ignore SIGTERM). */
  exited: z.boolean(),
  waitedMs: z.number().int().min(0),
  /** Sent through the elevated helper (another user's process). */
  elevated: z.boolean(),
})
export type EndProcessResult = z.infer<typeof EndProcessResult>

/** One socket exactly, as listed: both ends, and its inode so a reused 4-tuple is not touched. */
export const ConnectionRequest = z.strictObject({
  protocol: Protocol,
  family: AddressFamily,
  localAddress: z.string().max(64),
  localPort: Port,
  remoteAddress: z.string().max(64),
  remotePort: z.number().int().min(0).max(65535),
  inode: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1),
})
export type ConnectionRequest = z.infer<typeof ConnectionRequest>

export { connectionOf } from './connection'

export const ServiceNamesRequest = z.strictObject({
  protocol: Protocol,
  ports: z.array(Port).max(4096, 'At most 4,096 ports at a time'),
})
export type ServiceNamesRequest = z.infer<typeof ServiceNamesRequest>

/** Port (as a decimal string) → the well-known service name registered for it. */
export const ServiceNames = z.record(z.string(), z.string())
export type ServiceNames = z.infer<typeof ServiceNames>

/** A block the user asked for and was refused: where is the nearest free one? */
export const NearestFreeRequest = z.strictObject({
  protocol: Protocol,
  startPort: Port,
  count: z.number().int().min(1).max(65535),
})
export type NearestFreeRequest = z.infer<typeof NearestFreeRequest>

export const NearestFreeAnswer = z.discriminatedUnion('found', [
  z.strictObject({ found: z.literal(true), startPort: Port, count: z.number().int().min(1) }),
  z.strictObject({ found: z.literal(false) }),
])
export type NearestFreeAnswer = z.infer<typeof NearestFreeAnswer>
