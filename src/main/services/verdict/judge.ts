import type { BindProbeResult } from '../../../shared/bind-probe'
import type { Protocol } from '../../../shared/model'
import type { ProcessIdentity } from '../../../shared/process-identity'
import { formatSpan, spanContains, type PortSpan } from '../../../shared/ranges'
import type { SocketEntry } from '../../../shared/sockets'
import type { PortVerdict, VerdictIntent, VerdictReason } from '../../../shared/verdict'
import type { PortAnswers } from './bind-plan'
import type { VerdictFacts } from './facts'
import { linuxFixes } from './fixes'
import {
  classifyExclusions,
  explainExclusion,
  explainUnexplainedRefusal,
  windowsFixes,
} from './fixes-windows'
import {
  countStates,
  describeOwners,
  describeSockets,
  groupHolders,
  type HolderGroup,
} from './holders'
import { ipv4Only, ipv6Only, overlaps, shownAddress, type PlannedBind } from './overlap'
import type { VariantResult } from './variants'

const P = (p: Protocol) => p.toUpperCase()
const other = (p: Protocol): Protocol => (p === 'tcp' ? 'udp' : 'tcp')
const inRange = (r: { startPort: number; endPort: number }, port: number) =>
  port >= r.startPort && port <= r.endPort
const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000))
const CONNECTED = /^(ESTABLISHED|SYN_|FIN_WAIT|CLOSE_WAIT|LAST_ACK|CLOSING|NEW_SYN_RECV)/

/** A refusal that an IPv6-less host gives the [::] half of the wildcard pair: not a failure. */
const noIpv6 = (r: BindProbeResult, b: PlannedBind, binds: readonly PlannedBind[]) =>
  !r.ok && r.code === 'EAFNOSUPPORT' && b.family === 'ipv6' && binds.length === 2

type Failure = Extract<BindProbeResult, { ok: false }>

/** Refusals that concern the address, checked by the kernel before the port. */
const ADDRESS_CODES = new Set([
  'EADDRNOTAVAIL',
  'EINVAL',
  'EAFNOSUPPORT',
  'WSAEADDRNOTAVAIL',
  'WSAEINVAL',
  'WSAEAFNOSUPPORT',
])

/** What the kernel said, as one sentence for the verdict's reasons. */
const refusal = (r: BindProbeResult) => (r.ok ? 'ok' : `${r.code}: ${r.message}`)

export interface JudgeInput {
  intent: VerdictIntent
  binds: readonly PlannedBind[]
  protocol: Protocol
  port: number
  answers: PortAnswers
  variants: readonly VariantResult[]
}

/** Sockets on the port that overlap the binds that were refused (or, if none was, any bind). */
export function blockersOf(
  facts: VerdictFacts,
  protocol: Protocol,
  port: number,
  binds: readonly PlannedBind[],
): SocketEntry[] {
  return facts.index.on(protocol, port).filter((s) => binds.some((b) => overlaps(s, b)))
}

/** The binds of the intent the kernel refused, in order. */
export function refusedBinds(binds: readonly PlannedBind[], answers: PortAnswers): PlannedBind[] {
  return binds.filter((b, i) => !answers.results[i]!.ok && !noIpv6(answers.results[i]!, b, binds))
}

/**
 * Judges one port of one protocol. The kernel has already answered (`answers`): that is
 * `bindable`. Everything else explains it from the facts: who holds the port (one reason per
 * holder, with counts), what else applies, which fix would make the bind succeed, and which
 * variant was tried and works. Pure: the same facts and answers give the same verdict.
 */
export function judgePort(f: VerdictFacts, input: JudgeInput): PortVerdict {
  const { intent, binds, protocol, port, answers } = input
  const refused = refusedBinds(binds, answers)
  const bindable = refused.length === 0
  const firstRefusal = answers.results.find((r, i) => !r.ok && !noIpv6(r, binds[i]!, binds)) as
    Failure | undefined
  const reasons: VerdictReason[] = []
  const push = (r: VerdictReason) => reasons.push(r)
  const linux = f.platform === 'linux'
  const onPort = f.index.on(protocol, port)
  // Sockets that explain a refusal: those overlapping a refused bind; when nothing was refused,
  // those overlapping any bind (the kernel let the bind share the port with them).
  let relevant =
    onPort.length === 0
      ? onPort
      : onPort.filter((s) => (bindable ? binds : refused).some((b) => overlaps(s, b)))

  // -- Portwarden blocks: ours, and other Portwardens' confirmed by their own sockets.
  const mine = f.ours.find((r) => r.protocol === protocol && spanContains(r, port))
  if (mine) {
    relevant = relevant.filter((s) => !s.owners.some((o) => o.pid === f.selfPid))
    push({
      code: 'ours',
      blocking: !bindable,
      token: mine.token,
      cause: { key: `ours:${mine.token}`, label: `this Portwarden's reservation ${mine.token}` },
      message: `Held by this Portwarden: reservation ${mine.token} (${P(protocol)} ${formatSpan(mine)}).`,
      ...(bindable ? {} : { fix: 'Release the reservation in Portwarden to free it.' }),
    })
  }
  for (const h of f.otherHolders) {
    const r = h.reservations.find((x) => x.protocol === protocol && spanContains(x, port))
    // Believed only when the kernel agrees: that live process holds sockets on this port.
    if (!r || !f.index.ownedBy(protocol, port, h.pid)) continue
    relevant = relevant.filter((s) => !s.owners.some((o) => o.pid === h.pid))
    // As root, another user's Portwarden is named as theirs (never "kill node").
    const user = onPort.flatMap((s) => s.owners).find((o) => o.pid === h.pid)?.user
    const theirs = h.uid !== undefined && h.uid !== f.euid
    const whose = theirs ? `${user ?? `uid ${h.uid}`}'s ` : ''
    push({
      code: 'portwarden',
      blocking: !bindable,
      token: r.token,
      pid: h.pid,
      cause: {
        key: `portwarden:${h.pid}`,
        label: `${whose}Portwarden (${h.holder}, pid ${h.pid})`,
      },
      message: `Held by ${theirs ? `another user's (${user ?? `uid ${h.uid}`})` : 'another'} Portwarden (${h.holder}, pid ${h.pid}): reservation ${r.token} (${formatSpan(r)}).`,
      ...(bindable
        ? {}
        : {
            fix: linux
              ? h.holder === 'cli'
                ? `${whose && !f.asRoot ? 'sudo ' : ''}kill -INT ${h.pid}    # ends that portwarden reserve, which releases the block`
                : 'Release it in that Portwarden window.'
              : h.holder === 'cli'
                ? `taskkill /PID ${h.pid}    # ends that portwarden reserve`
                : 'Release it in that Portwarden window.',
          }),
    })
  }

  // -- Who holds the port: one reason per holder, with counts. An address the kernel refuses
  // before it looks at the port (not on this machine, no IPv6) is the whole story.
  const addressRefused = firstRefusal !== undefined && ADDRESS_CODES.has(firstRefusal.code)
  if (addressRefused) push(addressReason(f, refused[0]!, firstRefusal))
  else
    for (const g of relevant.length ? groupHolders(relevant, f.ownersComplete) : []) {
      push(bindable ? sharedReason(g, input) : holderReason(f, g, input))
    }

  // -- The kernel refused and nothing above explains it.
  if (!bindable && reasons.every((r) => !r.blocking)) {
    const r = firstRefusal!
    if ((r.code === 'EACCES' || r.code === 'EPERM') && linux && port < f.privileged.below) {
      // said below, with the privileged reason
    } else if (
      !linux &&
      r.code === 'WSAEACCES' &&
      f.reservedBlocksBinds &&
      f.reserved.some((x) => x.protocols.includes(protocol) && inRange(x, port))
    ) {
      // said below, with the exclusion
    } else if (!linux) {
      const w = explainUnexplainedRefusal(protocol, port, r)
      // With the excluded ranges unknown, "nothing explains it" would claim too much.
      const unknown = f.rangesError
        ? ` The excluded port ranges could not be read (${f.rangesError}), so an exclusion may be the reason.`
        : ''
      push({
        code: 'unexplained',
        blocking: true,
        cause: { key: 'unexplained', label: 'refused, no visible holder' },
        message: w.message + unknown,
        fix: w.fix,
      })
    } else if (r.code !== 'EADDRINUSE') {
      // Not "in use": out of descriptors or memory, or a security policy refusing the bind.
      const policy = r.code === 'EACCES' || r.code === 'EPERM'
      push({
        code: 'unexplained',
        blocking: true,
        cause: { key: `unexplained:${r.code}`, label: `refused by the kernel (${r.code})` },
        message: policy
          ? `The kernel refuses this bind (${refusal(r)}), though the port is not privileged: a security policy (SELinux, AppArmor, a cgroup BPF program) forbids it.`
          : `The kernel refuses this bind (${refusal(r)}): not because the port is in use.`,
      })
    } else {
      push({
        code: 'unexplained',
        blocking: true,
        cause: { key: 'unexplained', label: 'refused by the kernel, no visible holder' },
        message: `The kernel refuses this bind (${refusal(r)}), but no socket Portwarden can see holds ${P(protocol)} ${port}: another network namespace or container, or a process it may not read${f.ownersComplete ? '' : ' (run as root to read every process)'}.`,
        fix: linuxFixes.hidden(port, f.asRoot),
      })
    }
  }
  if (binds.length === 2 && noIpv6(answers.results[1]!, binds[1]!, binds)) {
    push({
      code: 'address',
      blocking: false,
      cause: { key: 'address:no-ipv6', label: 'no IPv6 on this host' },
      message: 'IPv6 is not available on this host (EAFNOSUPPORT): only 0.0.0.0 was tried.',
    })
  }

  // -- Privileged ports (Linux).
  if (linux && port < f.privileged.below) {
    const denied = firstRefusal?.code === 'EACCES' || firstRefusal?.code === 'EPERM'
    push({
      code: 'privileged',
      blocking: !!denied,
      message: denied
        ? `Privileged (below ${f.privileged.below}): binding it needs root or CAP_NET_BIND_SERVICE, and the kernel refused (${refusal(firstRefusal!)}).`
        : `Privileged (below ${f.privileged.below}): this process may bind it; other programs need root or CAP_NET_BIND_SERVICE.`,
      ...(denied ? { fix: linuxFixes.privileged(port, f.privileged.below, f.asRoot) } : {}),
    })
  }

  // -- Reserved (Linux: automatic assignment only) and excluded (Windows) ranges.
  const reservedHere = f.reserved.filter((r) => r.protocols.includes(protocol) && inRange(r, port))
  if (f.reservedBlocksBinds && reservedHere.length) {
    const labelled = classifyExclusions(reservedHere, { ours: f.ours, others: f.otherHolders })
    for (const l of labelled) {
      const w = explainExclusion(protocol, port, l, firstRefusal ?? { ok: true })
      push({
        code: 'excluded',
        blocking: w.blocking && !bindable,
        cause: {
          key: `excluded:${l.range.startPort}-${l.range.endPort}`,
          label: `excluded range ${l.range.startPort}–${l.range.endPort}`,
        },
        message: w.message,
        ...(w.fix && !bindable ? { fix: w.fix } : {}),
      })
    }
  } else {
    for (const r of reservedHere) {
      push({
        code: 'reserved',
        blocking: false,
        message: `Inside the reserved range ${r.startPort}–${r.endPort} (${r.origin}): automatic assignment (bind to port 0, outgoing connections) avoids it; an explicit bind still works. Already reserved: nothing to do.`,
      })
    }
  }

  // -- Dynamic range: outgoing connections may take it.
  const reservedSpans: PortSpan[] = f.reserved.map((r) => ({
    startPort: r.startPort,
    count: r.endPort - r.startPort + 1,
  }))
  for (const d of f.dynamic) {
    if (!d.protocols.includes(protocol) || !inRange(d, port)) continue
    const reserved = reservedHere.length > 0
    push({
      code: 'dynamic',
      blocking: false,
      message: reserved
        ? `Inside the dynamic range ${d.startPort}–${d.endPort}, but reserved, so outgoing connections leave it alone.`
        : `Inside the dynamic range ${d.startPort}–${d.endPort}: outgoing connections may take it at any moment.`,
      ...(reserved
        ? {}
        : {
            tip: linux
              ? linuxFixes.reserveTip(port, reservedSpans, f.asRoot)
              : windowsFixes.dynamic(protocol, port, f.dynamic),
          }),
    })
  }

  // -- Variants the kernel accepted.
  if (!bindable) for (const r of variantReasons(f, input, refused)) push(r)

  // -- Holders on other addresses of this port, which the intended bind does not meet.
  const apart = (bindable ? onPort : []).filter(
    (s) => !binds.some((b) => overlaps(s, b)) && s.state !== 'TIME_WAIT',
  )
  for (const g of groupHolders(apart, f.ownersComplete)) {
    const theirs = [...new Set(g.sockets.map((s) => shownAddress(s.localAddress)))].join(', ')
    const mineAt = binds.map((b) => shownAddress(b.address)).join(' and ')
    const onlyBound = g.sockets.every((s) => /^(LISTEN|BOUND|UNCONN)$/.test(s.state))
    push({
      code: 'in-use',
      blocking: false,
      cause: { key: `apart:${g.key}`, label: `${who(g)} on other addresses` },
      message: onlyBound
        ? `${mineAt} is free: ${who(g)} ${g.sockets.some((s) => s.state === 'LISTEN') ? 'listens' : 'is bound'} on ${theirs} only.`
        : `${mineAt} is free: ${who(g)} has ${describeSockets(g.sockets)}, none of it on ${mineAt}.`,
    })
  }

  // -- The other protocol, which this bind does not depend on.
  if (intent.protocol !== 'both') {
    const theirs = f.index.on(other(protocol), port)
    if (theirs.length) {
      const groups = groupHolders(theirs, f.ownersComplete)
      const names = groups.map((g) => who(g, f.asRoot)).join(', ')
      push({
        code: 'other-protocol',
        blocking: false,
        cause: {
          key: `other:${groups.map((g) => g.key).join(',')}`,
          label: `${P(other(protocol))} used by ${names}`,
        },
        message: `${P(other(protocol))} ${port} is used by ${names}; ${P(protocol)} ${bindable ? 'is free' : 'is held as said above'}${linux ? '' : ''}. Ask for both with --protocol both.`,
      })
    }
  }

  if (reasons.length === 0)
    push({
      code: 'free',
      blocking: false,
      message: 'Free: nothing holds it, and the kernel accepted the bind.',
    })
  // What was tried is said where it matters: on a refusal (a bindable port's binds all worked).
  return bindable
    ? { protocol, port, bindable, reasons, intent }
    : { protocol, port, bindable, reasons, intent, binds: answers.tried }
}

/** Texts that are the same on every port a holder has (a range check builds thousands). */
const memos = new WeakMap<VerdictFacts, Map<string, string>>()
function memo(f: VerdictFacts, key: string, make: () => string): string {
  let m = memos.get(f)
  if (!m) memos.set(f, (m = new Map()))
  let text = m.get(key)
  if (text === undefined) m.set(key, (text = make()))
  return text
}

const withoutBoot = ({ bootId: _, ...rest }: ProcessIdentity): ProcessIdentity => rest

function who(g: HolderGroup, asRoot = false): string {
  switch (g.kind) {
    case 'process':
      return describeOwners(g.owners)
    case 'unreadable':
      return asRoot
        ? `a process of uid ${g.uid} that Portwarden cannot read even as root (in another PID namespace or a sandbox)`
        : `a process of uid ${g.uid} that Portwarden cannot read`
    case 'kernel':
      return 'a socket no process holds (the kernel’s own: WireGuard, VXLAN, NFS/RPC…)'
    case 'orphan':
      return 'connections no process holds any more'
    case 'time-wait':
      return 'connections in TIME_WAIT'
  }
}

/** A holder of a refused port: what it has there, and what would free the port. */
function holderReason(f: VerdictFacts, g: HolderGroup, input: JudgeInput): VerdictReason {
  const { protocol, port } = input
  const counts = countStates(g.sockets)
  const base = { counts, blocking: true as const }
  if (g.kind === 'time-wait') {
    const ms = f.timeWaitMs.get(port)
    const n = g.sockets.length
    const when = ms === undefined ? 'within 60 s' : `in ${seconds(ms)} s`
    return {
      ...base,
      code: 'time-wait',
      state: 'TIME_WAIT',
      ...(ms === undefined ? {} : { expiresMs: ms }),
      cause: { key: 'time-wait', label: 'connections in TIME_WAIT (no owner; they expire)' },
      message: `${n === 1 ? 'A connection' : `${n} connections`} closed from this side ${n === 1 ? 'waits' : 'wait'} in TIME_WAIT, owned by no process; the last goes ${when}. What avoids it: SO_REUSEADDR on the server, set before bind — it binds past TIME_WAIT left by an earlier socket that had it too.`,
      fix: `sleep ${ms === undefined ? 60 : seconds(ms)}    # TIME_WAIT ends by itself; then bind again`,
    }
  }
  const what = describeSockets(g.sockets)
  if (g.kind !== 'process') {
    const fix = g.kind === 'unreadable' && !f.asRoot ? linuxFixes.hidden(port, false) : undefined
    return {
      ...base,
      code: 'in-use',
      owners: [],
      cause: { key: g.key, label: who(g, f.asRoot) },
      message: `In use by ${who(g, f.asRoot)}: ${what}.`,
      ...(fix && f.platform === 'linux' ? { fix } : {}),
    }
  }
  const first = g.owners[0]!
  const identity = f.identities.get(first.pid)
  const self = g.owners.some((o) => o.pid === f.selfPid)
  const connections = g.sockets.filter((s) => CONNECTED.test(s.state)).length
  const othersUser = g.sockets.some((s) => s.uid !== f.euid)
  const fix = self
    ? undefined
    : f.platform === 'linux'
      ? memo(f, `end ${first.pid} ${othersUser} ${protocol === 'tcp' ? connections : 0}`, () =>
          linuxFixes.endHolder(first.name || 'the process', first.pid, identity, {
            asRoot: f.asRoot,
            othersUser,
            connections: protocol === 'tcp' ? connections : 0,
          }),
        )
      : windowsFixes.inUse(first.pid, port, protocol)
  return {
    ...base,
    code: 'in-use',
    pid: first.pid,
    owners: g.owners,
    state: g.sockets[0]!.state,
    // The boot id is the same for every process of this boot: not repeated in each verdict.
    ...(identity ? { process: withoutBoot(identity) } : {}),
    cause: {
      key: `pid:${first.pid}:${identity?.startTicks ?? ''}`,
      label: self ? `this process (${describeOwners(g.owners)})` : describeOwners(g.owners),
    },
    message: `In use by ${self ? 'this process, ' : ''}${describeOwners(g.owners)}: ${what}.`,
    ...(fix ? { fix } : {}),
  }
}

/** A holder the kernel let the bind share the port with: say how. */
function sharedReason(g: HolderGroup, input: JudgeInput): VerdictReason {
  const { intent, protocol } = input
  const how =
    g.kind === 'time-wait'
      ? intent.reuse === 'addr'
        ? 'SO_REUSEADDR takes the port past them'
        : 'the kernel lets this bind past them'
      : intent.reuse === 'port'
        ? `both set SO_REUSEPORT (same user): the kernel spreads ${protocol === 'tcp' ? 'incoming connections' : 'datagrams'} across them`
        : intent.reuse === 'addr' && protocol === 'udp'
          ? 'both set SO_REUSEADDR: with UDP the port is shared (unicast datagrams reach one of them)'
          : intent.reuse === 'addr' && !g.sockets.some((s) => s.state === 'LISTEN')
            ? 'both set SO_REUSEADDR and neither listens yet: only one of them may listen'
            : 'the kernel accepted the bind anyway: the holder has probably just closed'
  return {
    code: 'shared',
    blocking: false,
    counts: countStates(g.sockets),
    ...(g.kind === 'process' ? { pid: g.owners[0]!.pid, owners: g.owners } : {}),
    cause: { key: `shared:${g.key}`, label: `shared with ${who(g)}` },
    message: `Shares the port with ${who(g)} (${describeSockets(g.sockets)}): ${how}.`,
  }
}

function addressReason(f: VerdictFacts, b: PlannedBind, r: Failure): VerdictReason {
  const at = shownAddress(b.address)
  const code = r.code.replace(/^WSA/, '')
  const message =
    code === 'EADDRNOTAVAIL'
      ? `${at} is not an address of this machine (${r.code}): bind to one it has, or to 0.0.0.0 / [::].`
      : code === 'EAFNOSUPPORT'
        ? `IPv6 is not available on this host (${r.code}).`
        : b.address.startsWith('fe80:') && !b.literal.includes('%')
          ? `${at} is link-local: it needs an interface, e.g. ${b.address}%eth0 (${r.code}).`
          : `The kernel refuses to bind ${at} (${r.code}: ${r.message}).`
  return {
    code: 'address',
    blocking: true,
    cause: { key: `address:${r.code}:${b.address}`, label: `${at} cannot be bound here` },
    message,
    ...(code === 'EADDRNOTAVAIL' && f.platform === 'linux'
      ? { fix: linuxFixes.addressList() }
      : {}),
  }
}

/** "An IPv4-only bind on 0.0.0.0 works: the holder is IPv6-only", and the variants tried. */
function variantReasons(
  f: VerdictFacts,
  input: JudgeInput,
  refused: readonly PlannedBind[],
): VerdictReason[] {
  const { binds, answers, protocol, port } = input
  const out: VerdictReason[] = []
  const blockers = blockersOf(f, protocol, port, refused)
  const note = (key: string, label: string, message: string): VerdictReason => ({
    code: 'variant',
    blocking: false,
    cause: { key: `variant:${key}`, label },
    message,
  })
  if (binds.length === 2 && refused.length === 1) {
    const [v4, v6] = answers.results
    if (v4!.ok && blockers.length && blockers.every(ipv6Only))
      out.push(
        note(
          'ipv4-only',
          'an IPv4-only bind works',
          'An IPv4-only bind on 0.0.0.0 works: the holder is IPv6-only.',
        ),
      )
    else if (v6!.ok && blockers.length && blockers.every(ipv4Only))
      out.push(
        note(
          'ipv6-only',
          'an IPv6-only bind works',
          'An IPv6-only bind on [::] works: the holder uses IPv4 only.',
        ),
      )
    else if (v4!.ok)
      out.push(
        note(
          'ipv4-only',
          'an IPv4-only bind works',
          'An IPv4-only bind on 0.0.0.0 works; [::] is taken.',
        ),
      )
    else if (v6!.ok)
      out.push(
        note(
          'ipv6-only',
          'an IPv6-only bind works',
          'An IPv6-only bind on [::] works; 0.0.0.0 is taken.',
        ),
      )
  }
  for (const v of input.variants) {
    if (!v.ok) continue
    const c = v.candidate
    if (c.kind === 'reuseport')
      out.push(
        note(
          'reuseport',
          'SO_REUSEPORT shares it',
          'Another SO_REUSEPORT socket of the same user may share it: the holder set SO_REUSEPORT, so a socket of yours that sets it too binds (tried).',
        ),
      )
    else if (c.kind === 'reuseaddr')
      out.push(
        protocol === 'udp'
          ? note(
              'reuseaddr',
              'SO_REUSEADDR shares it',
              'With SO_REUSEADDR set on your socket the bind works (tried): the holder set it too, and UDP then shares the port.',
            )
          : note(
              'reuseaddr',
              'SO_REUSEADDR binds past TIME_WAIT',
              'With SO_REUSEADDR set on your socket the bind works now (tried): the connections in TIME_WAIT had it too.',
            ),
      )
    else {
      const theirs = [...new Set(blockers.map((s) => shownAddress(s.localAddress)))].join(', ')
      const at = shownAddress(c.binds[0]!.address)
      out.push(
        note(
          `address:${c.binds[0]!.address}`,
          `${at} is free`,
          `${at} is free: the holder ${blockers.some((s) => s.state === 'LISTEN') ? 'listens' : 'is bound'} on ${theirs} only (a bind on ${at} was tried and works).`,
        ),
      )
    }
  }
  return out
}
