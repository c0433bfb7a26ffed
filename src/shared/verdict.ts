import { z } from 'zod'
import { Port, Protocol, Token } from './model'
import { SocketOwner, SocketState } from './sockets'

/** Why a port can or cannot be bound; a verdict lists every reason that applies. */
export const VerdictReasonCode = z.enum([
  'ours', // held by this Portwarden's runtime reservation
  'portwarden', // held by another running Portwarden (app or CLI)
  'in-use', // a socket of some process has it
  'privileged', // below ip_unprivileged_port_start
  'excluded', // Windows: inside an excluded port range (every bind fails)
  'reserved', // Linux: inside ip_local_reserved_ports (automatic assignment only)
  'dynamic', // inside the dynamic (ephemeral) range
  'free',
])
export type VerdictReasonCode = z.infer<typeof VerdictReasonCode>

export const VerdictReason = z.strictObject({
  code: VerdictReasonCode,
  /** Whether this reason alone makes a bind fail. */
  blocking: z.boolean(),
  message: z.string(),
  /** A command or step the user can copy to fix or avoid it. */
  fix: z.string().optional(),
  token: Token.optional(),
  pid: z.number().int().optional(),
  owners: z.array(SocketOwner).optional(),
  state: SocketState.optional(),
})
export type VerdictReason = z.infer<typeof VerdictReason>

export const PortVerdict = z.strictObject({
  protocol: Protocol,
  port: Port,
  bindable: z.boolean(),
  reasons: z.array(VerdictReason).min(1),
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
  protocol: Protocol,
})
export type CheckRequest = z.infer<typeof CheckRequest>
