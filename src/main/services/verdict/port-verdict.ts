import { readFileSync } from 'node:fs'
import type { HolderRecord } from '../../../shared/holders'
import type { InventorySnapshot } from '../../../shared/inventory'
import type { Protocol } from '../../../shared/model'
import { parsePortSpec } from '../../../shared/port-spec'
import { parseInput } from '../../../shared/validate'
import { CheckRequest, type PortVerdict, type VerdictIntent } from '../../../shared/verdict'
import type { PortBackend } from '../../platform/backend'
import type { RuntimeReservationService } from '../runtime-reservations'
import {
  askKernel,
  askVariant,
  planBinds,
  protocolsOf,
  type PortAnswers,
  type ProbeFn,
} from './bind-plan'
import type { VerdictFacts } from './facts'
import { blockersOf, judgePort, refusedBinds } from './judge'
import { SocketIndex } from './socket-index'
import { variantsToTry, type VariantResult } from './variants'

/** net.ipv6.bindv6only: 0 (dual-stack "::") unless the administrator changed it. */
function ipv6V6OnlyByDefault(platform: 'linux' | 'win32'): boolean {
  if (platform === 'win32') return true // Windows' IPv6 sockets are IPv6-only by default
  try {
    return readFileSync('/proc/sys/net/ipv6/bindv6only', 'utf8').trim() !== '0'
  } catch {
    return false
  }
}

/**
 * Answers "can I make this bind on port N, and if not, why?". The kernel answers first: each
 * port of the request is bound for real as the intent says (a socket per family with the reuse
 * options, bind, close at once; never listen or connect), and that is `bindable`. The inventory,
 * read fresh, then explains it (`judgePort`, pure).
 *
 * API for callers that run it elsewhere (a worker) or page it: `facts()` reads, `probe()` asks
 * the kernel, `judge()` is synchronous and pure over facts + answers; `check()` chains them.
 */
export class PortVerdictService {
  /** Socket inodes whose owners were looked up afresh, per reading. */
  private readonly ownersAsked = new WeakMap<VerdictFacts, Set<number>>()

  constructor(
    private readonly backend: PortBackend,
    private readonly runtime: RuntimeReservationService,
    /** Blocks held by other running Portwardens, already checked for pid reuse. */
    private readonly otherHolders: () => HolderRecord[],
  ) {}

  private get platform(): 'linux' | 'win32' {
    return process.platform === 'win32' ? 'win32' : 'linux'
  }

  /**
   * The facts, read fresh; or, given an inventory reading just taken (the watch service on
   * each poll), its sockets and ranges, so a poll does not list every socket twice.
   */
  facts(reading?: InventorySnapshot): VerdictFacts {
    const lazy = !reading && this.backend.listSocketsUnowned && this.backend.ownersOfSockets
    const listing = reading
      ? { sockets: reading.sockets, ownersComplete: reading.status.ownersComplete }
      : lazy
        ? { ...this.backend.listSocketsUnowned!(), ownersComplete: true }
        : this.backend.listSockets()
    const platform = this.platform
    // Ranges the OS will not give (netsh failing) must not stop a check: the kernel's answer
    // stands, and the explanation says the ranges are unknown.
    const errors: string[] = []
    const ranges = <T>(fromReading: T[] | undefined, read: () => T[]): T[] => {
      if (fromReading) return fromReading
      try {
        return read()
      } catch (err) {
        errors.push(err instanceof Error ? err.message : String(err))
        return []
      }
    }
    const reserved = ranges(reading?.reservedRanges, () => this.backend.reservedRanges())
    const dynamic = ranges(reading?.dynamicRanges, () => this.backend.dynamicRanges())
    const rangesError = reading ? reading.status.rangesError : errors.join(' ') || undefined
    return {
      platform,
      selfPid: process.pid,
      euid: process.geteuid?.(),
      asRoot: this.backend.isPrivileged(),
      ours: this.runtime.list(),
      otherHolders: this.otherHolders(),
      index: new SocketIndex(listing.sockets),
      ownersComplete: listing.ownersComplete,
      ownersPending: Boolean(lazy),
      reserved,
      ...(rangesError ? { rangesError } : {}),
      reservedBlocksBinds: this.backend.reservedRangesBlockBinds,
      dynamic,
      privileged: this.backend.privilegedPorts(),
      ipv6V6OnlyByDefault: ipv6V6OnlyByDefault(platform),
      timeWaitMs: new Map(),
      identities: new Map(),
    }
  }

  /** The kernel's answer for each protocol and port of the intent, in request order. */
  probe(intent: VerdictIntent, ports: readonly number[]): ProbedPort[] {
    const binds = planBinds(intent, ipv6V6OnlyByDefault(this.platform))
    const probe: ProbeFn = (p) => this.backend.probeBind(p)
    const out: ProbedPort[] = []
    for (const port of ports)
      for (const protocol of protocolsOf(intent.protocol))
        out.push({ protocol, port, answers: askKernel(probe, protocol, port, binds, intent.reuse) })
    return out
  }

  /**
   * Explains the kernel's answers from the facts. Tries the variants worth offering for
   * refused ports (each one more bind), reads who the holders of refused ports are and how
   * long their TIME_WAIT lasts, then judges each port.
   */
  judge(facts: VerdictFacts, intent: VerdictIntent, probed: readonly ProbedPort[]): PortVerdict[] {
    const binds = planBinds(intent, facts.ipv6V6OnlyByDefault)
    const probe: ProbeFn = (p) => this.backend.probeBind(p)
    this.resolveOwners(facts, probed)
    const refusedPorts = probed.filter((p) => refusedBinds(binds, p.answers).length > 0)
    this.learnHolders(facts, refusedPorts, binds)
    return probed.map(({ protocol, port, answers }) => {
      const refused = refusedBinds(binds, answers)
      const variants: VariantResult[] = variantsToTry(
        facts,
        intent,
        protocol,
        refused,
        blockersOf(facts, protocol, port, refused),
      ).map((candidate) => ({
        candidate,
        ok: askVariant(probe, protocol, port, candidate.binds, candidate.reuse),
      }))
      return judgePort(facts, { intent, binds, protocol, port, answers, variants })
    })
  }

  /**
   * A listing read without owners: looks up those of every socket on these ports (both
   * protocols: the other one is mentioned too), in one pass over /proc, and only once per
   * socket however many pages are judged. Nothing is read when no socket is on them.
   */
  private resolveOwners(facts: VerdictFacts, ports: readonly { port: number }[]): void {
    if (!facts.ownersPending || !this.backend.ownersOfSockets) return
    let asked = this.ownersAsked.get(facts)
    if (!asked) this.ownersAsked.set(facts, (asked = new Set()))
    const wanted = new Set<number>()
    const touched: { protocol: Protocol; port: number }[] = []
    for (const { port } of ports)
      for (const protocol of ['tcp', 'udp'] as const) {
        let any = false
        for (const s of facts.index.on(protocol, port))
          if (s.inode !== 0 && !asked.has(s.inode)) {
            wanted.add(s.inode)
            any = true
          }
        if (any) touched.push({ protocol, port })
      }
    if (wanted.size === 0) return
    for (const inode of wanted) asked.add(inode)
    const scan = this.backend.ownersOfSockets(wanted)
    for (const { protocol, port } of touched) facts.index.setOwners(protocol, port, scan.byInode)
    // As listSockets judges it: denied processes matter only if a wanted socket lacks an owner.
    if (!scan.complete && [...wanted].some((i) => !scan.byInode.has(i)))
      facts.ownersComplete = false
  }

  /**
   * For the holders of refused ports: owners the listing did not know (read afresh: its owners
   * may come from a poll's cache), who each process is, and how long TIME_WAIT lasts.
   */
  private learnHolders(facts: VerdictFacts, refused: readonly ProbedPort[], binds: VerdictBinds) {
    const unowned = new Set<number>()
    let asked = this.ownersAsked.get(facts)
    if (!asked) this.ownersAsked.set(facts, (asked = new Set()))
    for (const { protocol, port } of refused)
      for (const s of blockersOf(facts, protocol, port, binds))
        if (s.inode !== 0 && s.owners.length === 0 && !asked.has(s.inode)) unowned.add(s.inode)
    // Looked up once per reading, however many pages of a long check are judged against it.
    for (const inode of unowned) asked.add(inode)
    if (unowned.size && this.backend.ownersOfSockets) {
      const found = this.backend.ownersOfSockets(unowned).byInode
      if (found.size)
        for (const { protocol, port } of refused) facts.index.setOwners(protocol, port, found)
    }
    let timeWait = false
    for (const { protocol, port } of refused) {
      for (const s of blockersOf(facts, protocol, port, binds)) {
        if (s.state === 'TIME_WAIT') timeWait = true
        for (const o of s.owners) {
          if (facts.identities.has(o.pid)) continue
          const id = this.backend.processIdentity?.(o.pid)
          if (id) facts.identities.set(o.pid, id)
        }
      }
    }
    if (timeWait && this.backend.timeWaitSockets) {
      for (const s of this.backend.timeWaitSockets()) {
        if (s.expiresMs === undefined) continue
        facts.timeWaitMs.set(
          s.localPort,
          Math.max(facts.timeWaitMs.get(s.localPort) ?? 0, s.expiresMs),
        )
      }
    }
  }

  /** Verdicts for a request (the IPC channel, the CLI, reports): probe, read, explain. */
  check(input: CheckRequest): PortVerdict[] {
    return [...this.checkInPages(input, Number.MAX_SAFE_INTEGER)].flat()
  }

  /**
   * The same, judged `pageSize` ports at a time against one reading: a caller that writes each
   * page out (the CLI's --json) never holds 65,535 explained verdicts at once. Every port is
   * probed before the first page is judged.
   */
  *checkInPages(input: CheckRequest, pageSize = 4096): Generator<PortVerdict[]> {
    const req = parseInput(CheckRequest, input)
    const ports = parsePortSpec(req.ports)
    const intent: VerdictIntent = {
      protocol: req.protocol,
      ...(req.address === undefined ? {} : { address: req.address }),
      reuse: req.reuse ?? 'none',
    }
    const probed = this.probe(intent, ports) // the kernel first
    const facts = this.facts()
    this.resolveOwners(facts, probed) // one pass over /proc for every page
    for (let i = 0; i < probed.length; i += pageSize)
      yield this.judge(facts, intent, probed.slice(i, i + pageSize))
  }

  /** One port, the default intent, against facts already read (the watch service's polls). */
  checkWith(facts: VerdictFacts, protocol: Protocol, port: number): PortVerdict {
    const intent: VerdictIntent = { protocol, reuse: 'none' }
    return this.judge(facts, intent, this.probe(intent, [port]))[0]!
  }
}

type VerdictBinds = ReturnType<typeof planBinds>

/** One port's kernel answers, before they are explained. */
export interface ProbedPort {
  protocol: Protocol
  port: number
  answers: PortAnswers
}
