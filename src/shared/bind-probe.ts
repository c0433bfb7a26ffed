import { z } from 'zod'
import { ADDRESS_HINT, addressFamily, bareAddress } from './bind-address'

/**
 * One test bind, as a program would make it: a socket of the address's family with the reuse
 * options set, bound to (address, port), closed at once. Never listen() or connect(): the port
 * is held only for the microseconds between bind() and close().
 */
export type BindReuse = 'none' | 'addr' | 'port'
export interface BindProbe {
  protocol: 'tcp' | 'udp'
  address: string /* '0.0.0.0', '::', or a literal */
  port: number
  reuse: BindReuse
  v6only: boolean
}
export type BindProbeResult =
  | { ok: true }
  | { ok: false; code: string /* e.g. 'EADDRINUSE', 'WSAEACCES' */; errno: number; message: string }

export const BindReuseSchema = z.enum(['none', 'addr', 'port'], {
  error: 'reuse must be "none", "addr" (SO_REUSEADDR) or "port" (SO_REUSEPORT)',
})

export const IntentProtocol = z.enum(['tcp', 'udp', 'both'], {
  error: 'The protocol must be "tcp", "udp" or "both"',
})
export type IntentProtocol = z.infer<typeof IntentProtocol>

export { addressFamily, bareAddress, describeIntent } from './bind-address'

export const BindAddress = z
  .string({ error: 'The address must be a string' })
  .max(64, 'An address is at most 64 characters')
  .refine((a) => addressFamily(a) !== undefined, { error: ADDRESS_HINT })
  .transform(bareAddress)

/**
 * The bind the user means. Without an address: the wildcard addresses a typical server binds,
 * 0.0.0.0 and [::] (the IPv6 socket IPv6-only, as nginx, PostgreSQL and docker-proxy make it):
 * both must succeed. With an address, the family follows it.
 */
export const BindIntent = z.strictObject({
  protocol: IntentProtocol,
  address: BindAddress.optional(),
  reuse: BindReuseSchema.default('none'),
})
export type BindIntent = z.infer<typeof BindIntent>
export type BindIntentInput = z.input<typeof BindIntent>
