import { z } from 'zod'

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

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/
/** An interface name or index after '%' (link-local IPv6): what `ip link` prints. */
const SCOPE = /^[A-Za-z0-9_.:@-]{1,15}$/

/** The family of an address literal, or undefined when it is not one ('[::1]' allowed). */
export function addressFamily(text: string): 'ipv4' | 'ipv6' | undefined {
  if (IPV4.test(text)) return 'ipv4'
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text
  const [addr, scope, extra] = bare.split('%')
  if (extra !== undefined || addr === undefined) return undefined
  if (scope !== undefined && !SCOPE.test(scope)) return undefined
  return isIpv6(addr) ? 'ipv6' : undefined
}

/** RFC 4291 text forms, with an embedded IPv4 tail allowed; parsed, not pattern-matched. */
function isIpv6(text: string): boolean {
  if (text.length > 45 || !/^[0-9A-Fa-f:.]+$/.test(text)) return false
  let body = text
  let groups = 0
  const lastColon = body.lastIndexOf(':')
  if (body.includes('.')) {
    if (!IPV4.test(body.slice(lastColon + 1))) return false
    body = body.slice(0, lastColon + 1) + '0:0'
  }
  const halves = body.split('::')
  if (halves.length > 2) return false
  for (const half of halves) {
    if (half === '') continue
    for (const g of half.split(':')) {
      if (!/^[0-9A-Fa-f]{1,4}$/.test(g)) return false
      groups++
    }
  }
  return halves.length === 2 ? groups <= 7 : groups === 8
}

/** Strips the brackets a URL would put around an IPv6 literal. */
export const bareAddress = (text: string): string =>
  text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text

export const BindAddress = z
  .string({ error: 'The address must be a string' })
  .max(64, 'An address is at most 64 characters')
  .refine((a) => addressFamily(a) !== undefined, {
    error: 'The address must be an IPv4 or IPv6 literal, e.g. 127.0.0.1, ::1 or fe80::1%eth0',
  })
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

/** What the user meant, in words: "TCP on 0.0.0.0 and [::]", "UDP on 127.0.0.1 with SO_REUSEPORT". */
export function describeIntent(intent: BindIntent): string {
  const proto = intent.protocol === 'both' ? 'TCP and UDP' : intent.protocol.toUpperCase()
  const where =
    intent.address === undefined
      ? '0.0.0.0 and [::]'
      : addressFamily(intent.address) === 'ipv6'
        ? `[${intent.address}]`
        : intent.address
  const reuse =
    intent.reuse === 'addr'
      ? ' with SO_REUSEADDR'
      : intent.reuse === 'port'
        ? ' with SO_REUSEPORT'
        : ''
  return `${proto} on ${where}${reuse}`
}
