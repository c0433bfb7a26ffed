// The reserve/release load, written once for two callers: the handler registry in Node
// (test/hardening-load.test.ts) and window.api in the page (e2e/renderer/hardening-load.spec.ts,
// which hands this function to page.evaluate). So it must stay self-contained: no imports, no
// outer variables, only its parameters.

export interface LoadApi {
  reserve(input: { protocol: 'tcp' | 'udp'; startPort: number; count: number }): Promise<unknown>
  release(input: { token: string }): Promise<unknown>
}

export interface LoadOptions {
  /** Reserve/release pairs: twice as many calls. */
  pairs: number
  seed: number
  /** Share of reserves aimed at the start of a block held right then (must be refused). */
  aimedShare: number
}

export interface LoadReport {
  calls: number
  ok: number
  errors: Record<string, number>
  reservations: number
  distinctTokens: number
  /** Reservations whose ports overlapped a block observed alive at the same time. */
  overlaps: string[]
  /** Answers that were not a result envelope at all. */
  malformed: number
  peakBlocks: number
  peakPorts: number
  wallMs: number
}

/**
 * Runs `pairs` reserve→release pairs at once, in random order with random yields between calls,
 * counts 1–5, TCP and UDP mixed; some reserves aim at a block held right then. In the page, pass
 * no `api`: window.api.runtime is used (page.evaluate hands over one serializable argument).
 */
export async function reserveReleaseLoad(input: {
  options: LoadOptions
  api?: LoadApi
}): Promise<LoadReport> {
  const { options } = input
  const api = input.api ?? (globalThis as unknown as { api: { runtime: LoadApi } }).api.runtime
  // mulberry32: a small seeded PRNG, so a failing run can be replayed with its seed.
  let s = options.seed >>> 0
  const random = () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!
  const yieldRandomly = async () => {
    const n = Math.floor(random() * 4)
    for (let i = 0; i < n; i++) await new Promise((r) => setTimeout(r, 0))
  }
  type Envelope =
    | { ok: true; value: { token: string; protocol: string; startPort: number; count: number } }
    | { ok: false; error: { kind: string } }
  const asEnvelope = (r: unknown): Envelope | undefined =>
    r && typeof r === 'object' && typeof (r as { ok?: unknown }).ok === 'boolean'
      ? (r as Envelope)
      : undefined

  const report: LoadReport = {
    calls: 0,
    ok: 0,
    errors: {},
    reservations: 0,
    distinctTokens: 0,
    overlaps: [],
    malformed: 0,
    peakBlocks: 0,
    peakPorts: 0,
    wallMs: 0,
  }
  const tally = (r: Envelope | undefined) => {
    report.calls++
    if (!r) report.malformed++
    else if (r.ok) report.ok++
    else report.errors[r.error.kind] = (report.errors[r.error.kind] ?? 0) + 1
  }
  /** Port → token of every block observed alive: added on its answer, removed before release. */
  const live = new Map<string, string>()
  const liveBlocks = new Map<string, { protocol: string; startPort: number; count: number }>()
  const tokens = new Set<string>()
  const released: string[] = []

  async function pair(): Promise<void> {
    await yieldRandomly()
    const protocol = random() < 0.5 ? 'tcp' : 'udp'
    const count = 1 + Math.floor(random() * 5)
    const sameProtocol = () => [...liveBlocks.values()].filter((b) => b.protocol === protocol)
    const aimed = random() < options.aimedShare
    // An aimed reserve waits (a while) for a block of its protocol to be alive, to aim at it.
    for (let i = 0; aimed && i < 200 && sameProtocol().length === 0; i++) {
      await new Promise((r) => setTimeout(r, 1))
    }
    const targets = aimed ? sameProtocol() : []
    const startPort = targets.length > 0 ? pick(targets).startPort : 0
    const r = asEnvelope(await api.reserve({ protocol, startPort, count }))
    tally(r)
    if (!r || !r.ok) {
      // Keep the call count: release something that is not held (already released, or never).
      await yieldRandomly()
      const token = released.length && random() < 0.5 ? pick(released) : '1'
      tally(asEnvelope(await api.release({ token })))
      return
    }
    const block = r.value
    report.reservations++
    tokens.add(block.token)
    for (let p = block.startPort; p < block.startPort + block.count; p++) {
      const key = `${block.protocol}:${p}`
      const other = live.get(key)
      if (other !== undefined) report.overlaps.push(`${key} held by ${other} and ${block.token}`)
      live.set(key, block.token)
    }
    liveBlocks.set(block.token, block)
    report.peakBlocks = Math.max(report.peakBlocks, liveBlocks.size)
    report.peakPorts = Math.max(report.peakPorts, live.size)
    await yieldRandomly()
    liveBlocks.delete(block.token)
    for (let p = block.startPort; p < block.startPort + block.count; p++) {
      if (live.get(`${block.protocol}:${p}`) === block.token) live.delete(`${block.protocol}:${p}`)
    }
    const rel = asEnvelope(await api.release({ token: block.token }))
    tally(rel)
    released.push(block.token)
  }

  const started = Date.now()
  await Promise.all(Array.from({ length: options.pairs }, () => pair()))
  report.wallMs = Date.now() - started
  report.distinctTokens = tokens.size
  return report
}

/** Ports held twice within one full snapshot (main pushes one after every change). */
export function doubleHeld(
  snapshot: readonly { token: string; protocol: string; startPort: number; count: number }[],
): string[] {
  const seen = new Map<string, string>()
  const clashes: string[] = []
  for (const r of snapshot) {
    for (let p = r.startPort; p < r.startPort + r.count; p++) {
      const key = `${r.protocol}:${p}`
      const other = seen.get(key)
      if (other) clashes.push(`${key}: ${other} and ${r.token}`)
      seen.set(key, r.token)
    }
  }
  return clashes
}

/** Formats a report as the few lines a test prints. */
export function describeLoad(where: string, r: LoadReport, fdsBefore: number, fdsAfter: number) {
  const errors = Object.entries(r.errors)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ')
  return [
    `${where}: ${r.calls} calls in ${r.wallMs} ms — ${r.ok} ok, errors: ${errors || 'none'}`,
    `  ${r.reservations} reservations, ${r.distinctTokens} distinct tokens, ${r.overlaps.length} overlaps, ` +
      `peak ${r.peakBlocks} blocks / ${r.peakPorts} ports held at once`,
    `  open descriptors in the process holding the sockets: ${fdsBefore} before, ${fdsAfter} after`,
  ].join('\n')
}

/**
 * Everything a clean load run must show, as a list of what went wrong (empty when clean):
 * every call answered with an envelope, one token per reservation, no port held twice, only
 * the expected refusals, and nothing left held.
 */
export function loadProblems(
  r: LoadReport,
  clashes: readonly string[],
  stillHeld: number,
  expectedCalls: number,
): string[] {
  const expectedRefusals = ['port-in-use', 'already-released', 'not-found']
  return [
    r.calls !== expectedCalls && `${r.calls} calls, not ${expectedCalls}`,
    r.malformed > 0 && `${r.malformed} answers were not result envelopes`,
    r.distinctTokens !== r.reservations &&
      `${r.reservations} reservations but ${r.distinctTokens} distinct tokens`,
    ...r.overlaps.map((o) => `overlap: ${o}`),
    ...clashes.map((c) => `held twice in one snapshot: ${c}`),
    ...Object.keys(r.errors)
      .filter((k) => !expectedRefusals.includes(k))
      .map((k) => `unexpected error kind ${k} (${r.errors[k]}×)`),
    r.reservations <= 400 && `only ${r.reservations} reservations: the load did not load`,
    stillHeld !== 0 && `${stillHeld} blocks still held after every release`,
  ].filter((p): p is string => typeof p === 'string')
}
