import {
  addressFamily,
  type BindProbe,
  type BindProbeResult,
  type BindReuse,
} from '../../../shared/bind-probe'
import type { Protocol } from '../../../shared/model'
import type { KernelAnswer, VerdictIntent } from '../../../shared/verdict'
import { canonicalIpv6, type PlannedBind } from './overlap'

/**
 * The binds an intent stands for. No address: the wildcard pair a typical server binds,
 * 0.0.0.0 and [::] with IPV6_V6ONLY (nginx, PostgreSQL, docker-proxy); both must succeed. An
 * explicit "::" is bound as the system makes it by default (net.ipv6.bindv6only, 0: dual-stack,
 * as Node, Go and Java bind it). Any other address: one socket of its family.
 */
export function planBinds(intent: VerdictIntent, ipv6V6OnlyByDefault: boolean): PlannedBind[] {
  if (intent.address === undefined) {
    return [
      { family: 'ipv4', address: '0.0.0.0', literal: '0.0.0.0', v6only: false },
      { family: 'ipv6', address: '::', literal: '::', v6only: true },
    ]
  }
  const literal = intent.address
  if (addressFamily(literal) === 'ipv4')
    return [{ family: 'ipv4', address: literal, literal, v6only: false }]
  const address = canonicalIpv6(literal)
  // A v4-mapped address needs a dual-stack socket (an IPv6-only one refuses it with EINVAL).
  const v6only = address.startsWith('::ffff:') ? false : ipv6V6OnlyByDefault
  return [{ family: 'ipv6', address, literal, v6only }]
}

export const protocolsOf = (p: VerdictIntent['protocol']): Protocol[] =>
  p === 'both' ? ['tcp', 'udp'] : [p]

export type ProbeFn = (probe: BindProbe) => BindProbeResult

/** What the kernel said to each planned bind of one port, and the binds actually tried. */
export interface PortAnswers {
  /** One result per planned bind, in order. */
  results: BindProbeResult[]
  tried: KernelAnswer[]
}

const OK: BindProbeResult = Object.freeze({ ok: true })
const ONE_OK: PortAnswers = Object.freeze({ results: [OK], tried: [] })
const BOTH_OK: PortAnswers = Object.freeze({ results: [OK, OK], tried: [] })

const asAnswer = (p: BindProbe, r: BindProbeResult): KernelAnswer => ({
  address: p.address,
  v6only: p.v6only,
  reuse: p.reuse,
  result: r.ok ? 'ok' : r.code,
})

const isWildcardPair = (binds: readonly PlannedBind[]) =>
  binds.length === 2 && binds[0]!.address === '0.0.0.0' && binds[1]!.address === '::'

/**
 * Asks the kernel about every planned bind of `port`. For the wildcard pair without reuse
 * options one dual-stack [::] socket is tried first: it collides with exactly what 0.0.0.0 and
 * an IPv6-only [::] collide with together, so when it binds both halves would (the property
 * test checks this against the pair itself); only when it fails are the halves tried one by
 * one, to say which family is taken. That halves the sockets a full-range check opens. Not
 * with SO_REUSEPORT/SO_REUSEADDR: the kernel's bind-bucket fast path compares a new socket with
 * the last one that reset it (family, address, uid) and skips the full conflict check when
 * they match, so a dual-stack socket can be let in where the IPv6-only half would not (found
 * by the property test).
 */
export function askKernel(
  probe: ProbeFn,
  protocol: Protocol,
  port: number,
  binds: readonly PlannedBind[],
  reuse: BindReuse,
): PortAnswers {
  // A full-range check makes 65,535 of these: nothing is allocated for a port that binds.
  const pair = reuse === 'none' && isWildcardPair(binds)
  let first: KernelAnswer | undefined
  if (pair) {
    const dualStack: BindProbe = { protocol, address: '::', port, reuse, v6only: false }
    const dual = probe(dualStack)
    if (dual.ok) return BOTH_OK
    first = asAnswer(dualStack, dual)
  }
  const probes = binds.map((b) => ({ protocol, address: b.literal, port, reuse, v6only: b.v6only }))
  const results = probes.map(probe)
  if (!first && results.every((r) => r.ok)) return binds.length === 1 ? ONE_OK : BOTH_OK
  const tried = probes.map((p, i) => asAnswer(p, results[i]!))
  if (first) tried.unshift(first)
  return { results, tried }
}

/** The same binds with another reuse option or address: a variant worth offering if it works. */
export function askVariant(
  probe: ProbeFn,
  protocol: Protocol,
  port: number,
  binds: readonly PlannedBind[],
  reuse: BindReuse,
): boolean {
  return binds.every(
    (b) => probe({ protocol, address: b.literal, port, reuse, v6only: b.v6only }).ok,
  )
}
