import { z } from 'zod'
import { BindAddress, BindReuseSchema, IntentProtocol } from './bind-probe'
import { Port, Protocol, Token } from './model'
import { ProcessIdentity } from './process-identity'
import { SocketOwner, SocketState } from './sockets'

/** Why a port can or cannot be bound; a verdict lists every reason that applies. */
export const VerdictReasonCode = z.enum([
  'ours', // held by this Portwarden's runtime reservation
  'portwarden', // held by another running Portwarden (app or CLI), confirmed by its sockets
  'in-use', // sockets of one holder (a process, or one Portwarden cannot read) overlap the bind
  'time-wait', // TCP connections closed here, kept by the kernel for up to 60 s, no owner
  'unexplained', // the kernel refuses the bind, yet no socket Portwarden can see explains it
  'address', // the address cannot be bound here (not on this machine, no IPv6, needs a scope)
  'privileged', // below ip_unprivileged_port_start
  'excluded', // Windows: inside an excluded port range (every bind fails)
  'reserved', // Linux: inside ip_local_reserved_ports (automatic assignment only)
  'dynamic', // inside the dynamic (ephemeral) range
  'shared', // the kernel lets this bind share the port with a holder (SO_REUSEPORT/SO_REUSEADDR)
  'variant', // the intended bind fails, but this other bind works (tried for real)
  'other-protocol', // the other protocol's sockets on this port, which do not affect this bind
  'free',
])
export type VerdictReasonCode = z.infer<typeof VerdictReasonCode>

export const VerdictReason = z.strictObject({
  code: VerdictReasonCode,
  /** Whether this reason alone makes the bind fail. */
  blocking: z.boolean(),
  message: z.string(),
  /** A command or step that makes the intended bind succeed; only on blocking reasons. */
  fix: z.string().optional(),
  /** A command that avoids a later problem (e.g. reserve a port of the dynamic range). */
  tip: z.string().optional(),
  /**
   * The same cause across ports has the same key ("pid:1234:98765", "time-wait", "privileged"),
   * so a range is summarised once per cause; `label` says it without naming a port.
   */
  cause: z.strictObject({ key: z.string(), label: z.string() }).optional(),
  token: Token.optional(),
  pid: z.number().int().optional(),
  owners: z.array(SocketOwner).optional(),
  state: SocketState.optional(),
  /** Sockets of this holder on the port, by state ({ LISTEN: 1, ESTABLISHED: 120 }). */
  counts: z.record(z.string(), z.number().int().min(0)).optional(),
  /** Who the holder process is (start time, systemd unit, container), for the fix. */
  process: ProcessIdentity.optional(),
  /** TIME_WAIT: milliseconds until the last one on this port goes. */
  expiresMs: z.number().int().min(0).optional(),
})
export type VerdictReason = z.infer<typeof VerdictReason>

/** The bind the user means (see BindIntent in bind-probe.ts), as a verdict carries it. */
export const VerdictIntent = z.strictObject({
  protocol: IntentProtocol,
  /** Absent: the wildcard pair 0.0.0.0 and [::] (IPv6-only), both needed. */
  address: z.string().optional(),
  reuse: BindReuseSchema,
})
export type VerdictIntent = z.infer<typeof VerdictIntent>

/** One test bind the kernel answered for this verdict: "ok" or its error code. */
export const KernelAnswer = z.strictObject({
  address: z.string(),
  v6only: z.boolean(),
  reuse: BindReuseSchema,
  result: z.string(),
})
export type KernelAnswer = z.infer<typeof KernelAnswer>

export const PortVerdict = z.strictObject({
  protocol: Protocol,
  port: Port,
  /** What the kernel said to the intended bind, tried just now. */
  bindable: z.boolean(),
  reasons: z.array(VerdictReason).min(1),
  // Optional only so reports written before intents existed still load.
  intent: VerdictIntent.optional(),
  /** The test binds behind `bindable`, in order. */
  binds: z.array(KernelAnswer).optional(),
})
export type PortVerdict = z.infer<typeof PortVerdict>

/**
 * One check answers for at most every port once (65,535), per protocol: the bound is in the
 * contract, so no answer can grow past it. Long answers are shown in pages.
 */
export const MAX_CHECK_PORTS = 65_535

export const CheckRequest = z.strictObject({
  /** "3000", "3000,5432,8080", "8000-8100" … */
  ports: z.string().max(10_000, 'The port list is too long'),
  /** tcp, udp, or both (a verdict per protocol and port). */
  protocol: IntentProtocol,
  /** Absent: 0.0.0.0 and [::], as a typical server binds them. */
  address: BindAddress.optional(),
  /** none (default), addr (SO_REUSEADDR), port (SO_REUSEPORT, Linux). */
  reuse: BindReuseSchema.optional(),
})
export type CheckRequest = z.input<typeof CheckRequest>
