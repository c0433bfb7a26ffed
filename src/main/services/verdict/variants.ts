import type { BindReuse } from '../../../shared/bind-probe'
import type { Protocol } from '../../../shared/model'
import type { SocketEntry } from '../../../shared/sockets'
import type { VerdictIntent } from '../../../shared/verdict'
import type { VerdictFacts } from './facts'
import { onSpecificAddress, type PlannedBind } from './overlap'

/**
 * Other binds that might work where the intended one fails, chosen from what holds the port and
 * then *tried for real*: a variant is offered only when the kernel accepts it.
 */
export interface VariantCandidate {
  kind: 'reuseport' | 'reuseaddr' | 'address'
  binds: PlannedBind[]
  reuse: BindReuse
}

export interface VariantResult {
  candidate: VariantCandidate
  ok: boolean
}

const LOOPBACK = {
  ipv4: { family: 'ipv4', address: '127.0.0.1', literal: '127.0.0.1', v6only: false },
  ipv6: { family: 'ipv6', address: '::1', literal: '::1', v6only: true },
} as const

/** Pure: which variants to try for a port whose `failing` binds were refused because of `blockers`. */
export function variantsToTry(
  facts: VerdictFacts,
  intent: VerdictIntent,
  protocol: Protocol,
  failing: readonly PlannedBind[],
  blockers: readonly SocketEntry[],
): VariantCandidate[] {
  if (failing.length === 0 || blockers.length === 0) return []
  const out: VariantCandidate[] = []
  const live = blockers.filter((s) => s.state !== 'TIME_WAIT')
  const linux = facts.platform === 'linux'
  if (
    linux &&
    live.length > 0 &&
    intent.reuse !== 'port' &&
    live.every((s) => s.uid === facts.euid && s.owners.length > 0)
  ) {
    out.push({ kind: 'reuseport', binds: [...failing], reuse: 'port' })
  }
  if (intent.reuse === 'none' && (protocol === 'udp' ? live.length > 0 : live.length === 0)) {
    out.push({ kind: 'reuseaddr', binds: [...failing], reuse: 'addr' })
  }
  if (blockers.every(onSpecificAddress)) {
    const family = failing[0]!.family
    const loopback = LOOPBACK[family]
    const taken = blockers.some((s) => s.localAddress === loopback.address)
    if (!taken && !failing.some((b) => b.address === loopback.address))
      out.push({ kind: 'address', binds: [{ ...loopback }], reuse: intent.reuse })
  }
  return out
}
