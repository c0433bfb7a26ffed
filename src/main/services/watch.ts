import { PortwardenError } from '../../shared/errors'
import type { InventorySnapshot } from '../../shared/inventory'
import type { PortVerdict } from '../../shared/verdict'
import { parseInput } from '../../shared/validate'
import { MAX_WATCHED_PORTS, WatchedPort, WatchKey, type WatchedStatus } from '../../shared/watch'
import type { Inventory } from './inventory'
import type { SettingsStore } from './settings-store'
import type { PortVerdictService } from './verdict/port-verdict'

type StatusListener = (statuses: WatchedStatus[]) => void
type NotifyListener = (title: string, body: string) => void

/** What a verdict means to a user at a glance: bindable or not, and which reasons apply. */
const gist = (v: PortVerdict) =>
  `${v.bindable}:${v.reasons
    .map((r) => r.code)
    .sort()
    .join(',')}`

/**
 * The ports a user depends on: saved in settings, judged again on every inventory change, and
 * announced when a verdict changes (e.g. the port became reserved or taken).
 */
export class WatchService {
  private last = new Map<string, WatchedStatus>()
  private lastSignature = ''
  private readonly statusListeners = new Set<StatusListener>()
  private readonly notifyListeners = new Set<NotifyListener>()

  constructor(
    private readonly settings: SettingsStore,
    private readonly verdicts: PortVerdictService,
    private readonly inventory: Inventory,
  ) {
    inventory.onChange(() => this.refresh())
  }

  list(): WatchedStatus[] {
    return [...this.evaluate().values()]
  }

  add(input: WatchedPort): WatchedStatus[] {
    const w = parseInput(WatchedPort, input)
    const watched = this.settings.get().watchedPorts
    // Each watched port is judged on every inventory change: keep that work bounded.
    if (watched.length >= MAX_WATCHED_PORTS && !watched.some((x) => same(x, w))) {
      throw new PortwardenError(
        'resource-exhausted',
        `At most ${MAX_WATCHED_PORTS} ports can be watched; stop watching one first.`,
      )
    }
    this.settings.update((s) => ({
      ...s,
      // Watching one again (e.g. a new label) keeps its place: no change, no write.
      watchedPorts: s.watchedPorts.some((x) => same(x, w))
        ? s.watchedPorts.map((x) => (same(x, w) ? w : x))
        : [...s.watchedPorts, w],
    }))
    return this.refresh()
  }

  remove(input: WatchKey): WatchedStatus[] {
    const k = parseInput(WatchKey, input)
    if (!this.settings.get().watchedPorts.some((x) => same(x, k))) {
      throw new PortwardenError(
        'not-found',
        `${k.protocol.toUpperCase()} port ${k.port} is not watched.`,
      )
    }
    this.settings.update((s) => ({ ...s, watchedPorts: s.watchedPorts.filter((x) => !same(x, k)) }))
    return this.refresh()
  }

  onStatus(l: StatusListener): () => void {
    this.statusListeners.add(l)
    return () => this.statusListeners.delete(l)
  }

  /** Called with a title and a body when a watched port's verdict changes. */
  onNotify(l: NotifyListener): () => void {
    this.notifyListeners.add(l)
    return () => this.notifyListeners.delete(l)
  }

  /** Judges every watched port again; pushes the list and announces changed verdicts. */
  refresh(): WatchedStatus[] {
    const next = this.evaluate()
    for (const [key, status] of next) {
      const before = this.last.get(key)
      if (before && gist(before.verdict) !== gist(status.verdict)) this.announce(status)
    }
    const list = [...next.values()]
    // Push only when the list or a verdict's gist changed, not on every poll.
    const signature = JSON.stringify(list.map((s) => [s.watched, gist(s.verdict)]))
    this.last = next
    if (signature !== this.lastSignature) {
      this.lastSignature = signature
      for (const l of this.statusListeners) l(list)
    }
    return list
  }

  private evaluate(): Map<string, WatchedStatus> {
    const watched = this.settings.get().watchedPorts
    const out = new Map<string, WatchedStatus>()
    if (watched.length === 0) return out
    let reading: InventorySnapshot | undefined
    try {
      reading = this.inventory.snapshot()
    } catch {
      // The worker's first reading is not in yet: the verdicts read the OS themselves.
    }
    const facts = this.verdicts.facts(reading)
    for (const w of watched)
      out.set(keyOf(w), { watched: w, verdict: this.verdicts.checkWith(facts, w.protocol, w.port) })
    return out
  }

  private announce({ watched, verdict }: WatchedStatus): void {
    const name = `${watched.label ? `${watched.label} — ` : ''}${watched.protocol.toUpperCase()} ${watched.port}`
    const why = verdict.reasons.find((r) => r.blocking) ?? verdict.reasons[0]!
    const title = `${name} is ${verdict.bindable ? 'bindable again' : 'no longer bindable'}`
    for (const l of this.notifyListeners) l(title, why.message)
  }
}

const keyOf = (k: WatchKey) => `${k.protocol}:${k.port}`
const same = (a: WatchKey, b: WatchKey) => a.protocol === b.protocol && a.port === b.port
