/**
 * Address literals for a bind, without zod (the renderer's forms check with these too): which
 * family a literal is, and the intent said in words.
 */

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/
/** An interface name or index after '%' (link-local IPv6): what `ip link` prints. */
const SCOPE = /^[A-Za-z0-9_.:@-]{1,15}$/

/** Strips the brackets a URL would put around an IPv6 literal. */
export const bareAddress = (text: string): string =>
  text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text

/**
 * The eight 16-bit words of an IPv6 literal (no scope; validated by addressFamily first),
 * '::' expanded and a trailing dotted IPv4 part (::ffff:10.0.0.1) folded into two words.
 */
export function ipv6Words(text: string): number[] {
  let body = text
  if (body.includes('.')) {
    const cut = body.lastIndexOf(':')
    const [a = 0, b = 0, c = 0, d = 0] = body
      .slice(cut + 1)
      .split('.')
      .map(Number)
    body = `${body.slice(0, cut + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
  }
  const [head = '', tail] = body.split('::')
  const h = head === '' ? [] : head.split(':')
  const t = tail === undefined || tail === '' ? [] : tail.split(':')
  return [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t].map((w) =>
    parseInt(w, 16),
  )
}

/** The family of an address literal, or undefined when it is not one ('[::1]' allowed). */
export function addressFamily(text: string): 'ipv4' | 'ipv6' | undefined {
  if (IPV4.test(text)) return 'ipv4'
  const [addr, scope, extra] = bareAddress(text).split('%')
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

export const ADDRESS_HINT =
  'The address must be an IPv4 or IPv6 literal, e.g. 127.0.0.1, ::1 or fe80::1%eth0'

/** What the user meant, in words: "TCP on 0.0.0.0 and [::]", "UDP on 127.0.0.1 with SO_REUSEPORT". */
export function describeIntent(intent: {
  protocol: 'tcp' | 'udp' | 'both'
  address?: string | undefined
  reuse: 'none' | 'addr' | 'port'
}): string {
  const proto = intent.protocol === 'both' ? 'TCP and UDP' : intent.protocol.toUpperCase()
  const where =
    intent.address === undefined
      ? '0.0.0.0 and [::]'
      : addressFamily(intent.address) === 'ipv6'
        ? `[${bareAddress(intent.address)}]`
        : intent.address
  const reuse =
    intent.reuse === 'addr'
      ? ' with SO_REUSEADDR'
      : intent.reuse === 'port'
        ? ' with SO_REUSEPORT'
        : ''
  return `${proto} on ${where}${reuse}`
}
