import type { SocketEntry } from '../../../shared/sockets'
import { ipv6Words } from '../../../shared/bind-address'

/**
 * Which listed sockets a bind would collide with, by address alone (Linux's rules; the reuse
 * options are not in inet_diag, so whether a collision is forgiven is left to the kernel's
 * answer). Used to *explain* what the kernel said, never to decide it.
 */

/** One bind of an intent: a socket of one family on one address. */
export interface PlannedBind {
  family: 'ipv4' | 'ipv6'
  /** Canonical text: dotted IPv4, or IPv6 as inet_ntop writes it (what the listing shows). */
  address: string
  /** The literal as the user gave it (with a %scope), for the probe. */
  literal: string
  v6only: boolean
}

const IPV4_WILDCARD = '0.0.0.0'
const IPV6_WILDCARD = '::'
const MAPPED = '::ffff:'

/** An IPv6 literal as inet_ntop (and so the socket listing) writes it: RFC 5952. */
export function canonicalIpv6(text: string): string {
  const words = ipv6Words(text.split('%')[0]!)
  if (words.slice(0, 5).every((w) => w === 0) && words[5] === 0xffff) {
    return `${MAPPED}${words[6]! >> 8}.${words[6]! & 255}.${words[7]! >> 8}.${words[7]! & 255}`
  }
  let at = -1
  let len = 0
  for (let i = 0; i < 8;) {
    let j = i
    while (j < 8 && words[j] === 0) j++
    if (j - i > len) [at, len] = [i, j - i]
    i = j + 1
  }
  const hex = (ws: number[]) => ws.map((w) => w.toString(16)).join(':')
  if (len < 2) return hex(words)
  return `${hex(words.slice(0, at))}::${hex(words.slice(at + len))}`
}

/** The IPv4 address an IPv6 socket's address stands for (v4-mapped), if it is one. */
const mappedIpv4 = (address: string): string | undefined =>
  address.startsWith(MAPPED) && address.includes('.') ? address.slice(MAPPED.length) : undefined

/** What a listed socket covers: IPv4 addresses, IPv6 addresses, each maybe a wildcard. */
interface Coverage {
  v4?: string
  v6?: string
}

function coverageOfSocket(s: SocketEntry): Coverage {
  if (s.family === 'ipv4') return { v4: s.localAddress }
  const mapped = mappedIpv4(s.localAddress)
  if (mapped) return { v4: mapped }
  // A dual-stack [::] socket also takes every IPv4 address; unknown (proc source) counts as
  // dual-stack, the kernel's default.
  if (s.localAddress === IPV6_WILDCARD && s.dualStack !== false)
    return { v4: IPV4_WILDCARD, v6: IPV6_WILDCARD }
  return { v6: s.localAddress }
}

function coverageOfBind(b: PlannedBind): Coverage {
  if (b.family === 'ipv4') return { v4: b.address }
  const mapped = mappedIpv4(b.address)
  if (mapped) return { v4: mapped }
  if (b.address === IPV6_WILDCARD && !b.v6only) return { v4: IPV4_WILDCARD, v6: IPV6_WILDCARD }
  return { v6: b.address }
}

const meets = (a: string | undefined, b: string | undefined, wildcard: string) =>
  a !== undefined && b !== undefined && (a === wildcard || b === wildcard || a === b)

/** Whether a bind and a listed socket (same protocol and port) claim a common address. */
export function overlaps(s: SocketEntry, b: PlannedBind): boolean {
  const x = coverageOfSocket(s)
  const y = coverageOfBind(b)
  return meets(x.v4, y.v4, IPV4_WILDCARD) || meets(x.v6, y.v6, IPV6_WILDCARD)
}

/** A socket on one specific address (not a wildcard, not dual-stack). */
export const onSpecificAddress = (s: SocketEntry): boolean => {
  const c = coverageOfSocket(s)
  return (c.v4 ?? c.v6) !== IPV4_WILDCARD && (c.v6 ?? c.v4) !== IPV6_WILDCARD
}

/** An IPv6 socket that takes no IPv4 traffic (IPV6_V6ONLY, or a specific IPv6 address). */
export const ipv6Only = (s: SocketEntry): boolean => coverageOfSocket(s).v4 === undefined

/** An IPv4 socket, or a v4-mapped address on an IPv6 one. */
export const ipv4Only = (s: SocketEntry): boolean => coverageOfSocket(s).v6 === undefined

/** The address as a user would type it in a bind: [::1] for IPv6. */
export const shownAddress = (address: string): string =>
  address.includes(':') ? `[${address}]` : address
