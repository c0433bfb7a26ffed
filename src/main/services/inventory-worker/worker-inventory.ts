import type { Worker } from 'node:worker_threads'
import { PortwardenError } from '../../../shared/errors'
import type { InventoryDelta, InventorySnapshot } from '../../../shared/inventory'
import { noReadingYet, notifyAll, type Inventory, type InventoryListener } from '../inventory'
import type { PortBackend } from '../../platform/backend'
import { InventoryReader } from '../inventory-reader'
import { launchWorker } from './launch'
import type { CheckJob, FromWorker, Polled, ToWorker } from './messages'
import { InventoryMirror } from './mirror'

export interface WorkerInventoryOptions {
  /** out/main/inventory-worker.js in the app; the .ts source in tests and the bench. */
  script: string
  intervalMs: number
  /** Test-only: see InventoryWorkerData.backendModule. */
  backendModule?: string
  /** A worker silent this long (a reading that never ends) is killed and restarted. */
  hangMs?: number
  /**
   * Read on the caller's thread, once, when snapshot() is asked for before the worker's first
   * reading (a report built right at start): a wait of one listing beats an error.
   */
  fallbackBackend?: PortBackend
  now?: () => Date
}

/** How long a new worker may take to its first reading before the watchdog steps in. */
const STARTUP_MS = 30_000

/** Restart delays after consecutive deaths: at once, then backing off up to 30 s. */
const restartDelay = (deaths: number) => Math.min(30_000, deaths <= 1 ? 0 : 250 * 2 ** deaths)

/**
 * The app's inventory: the OS is read in a worker thread, so main's event loop never waits on
 * netlink or /proc. main mirrors the worker's deltas (snapshot() stays synchronous and cheap),
 * routes them to listeners, and restarts a worker that dies or hangs — marking the data stale
 * until the new worker's first reading replaces it.
 */
export class WorkerInventory implements Inventory {
  private worker?: Worker
  private readonly mirror = new InventoryMirror()
  private readonly listeners = new Set<InventoryListener>()
  /** Whether the running worker has delivered its first reading yet. */
  private heard = false
  private lastHeard = 0
  private deaths = 0
  private running = false
  private restartTimer?: NodeJS.Timeout
  private watchdog?: NodeJS.Timeout
  private nextId = 1
  private readonly refreshes = new Map<number, () => void>()
  private readonly checks = new Map<
    number,
    { resolve(v: unknown): void; reject(e: unknown): void }
  >()
  private waiters: { resolve: (s: InventorySnapshot) => void; reject: (e: unknown) => void }[] = []
  /** Workers started so far (1 + restarts), for tests. */
  started = 0
  /** How long the worker's last reading took, in ms (for the bench). */
  lastReadMs = 0
  private readonly hangMs: number
  private readonly now: () => Date

  constructor(private readonly options: WorkerInventoryOptions) {
    this.hangMs = options.hangMs ?? Math.max(15_000, 10 * options.intervalMs)
    this.now = options.now ?? (() => new Date())
  }

  start(): void {
    if (this.running) return
    this.running = true
    this.spawn()
    this.watchdog = setInterval(() => this.checkAlive(), Math.min(1000, this.hangMs / 4))
    this.watchdog.unref()
  }

  stop(): void {
    this.running = false
    clearTimeout(this.restartTimer)
    clearInterval(this.watchdog)
    void this.worker?.terminate()
    this.worker = undefined
    this.settleRefreshes()
  }

  snapshot(): InventorySnapshot {
    let s = this.mirror.snapshot()
    const backend = this.options.fallbackBackend
    if (!s && backend) {
      const reader = new InventoryReader(backend, this.options.intervalMs, this.now)
      const first = reader.read()
      if (first) this.deliver(this.mirror.replace(first))
      else this.firstError ??= String(reader.firstError)
      s = this.mirror.snapshot()
    }
    if (!s) throw noReadingYet(this.firstError ?? 'The first reading is not in yet.')
    return s
  }

  ready(): Promise<InventorySnapshot> {
    const s = this.mirror.snapshot()
    if (s) return Promise.resolve(s)
    if (!this.running) return Promise.reject(noReadingYet('The inventory is not running.'))
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }))
  }

  refresh(): Promise<void> {
    const worker = this.worker
    if (!worker) return Promise.resolve()
    const id = this.nextId++
    return new Promise((resolve) => {
      this.refreshes.set(id, resolve)
      worker.postMessage({ type: 'refresh', id } satisfies ToWorker)
    })
  }

  /**
   * Runs a port check in the worker; undefined when no worker is up (the caller checks on its
   * own thread then). Rejects with the check's own error, or when the worker dies meanwhile.
   */
  runCheck(job: CheckJob): Promise<unknown> | undefined {
    const worker = this.worker
    if (!worker || !this.heard) return undefined
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.checks.set(id, { resolve, reject })
      worker.postMessage({ type: 'check', id, job } satisfies ToWorker)
    })
  }

  onChange(listener: InventoryListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Kills the worker as a crash would (tests; the watchdog). It is restarted. */
  killWorker(): Promise<number> {
    return this.worker?.terminate() ?? Promise.resolve(0)
  }

  private firstError?: string

  private spawn(): void {
    const { script, intervalMs, backendModule } = this.options
    const worker = launchWorker(script, { intervalMs, backendModule })
    this.worker = worker
    this.heard = false
    this.lastHeard = Date.now()
    this.started++
    let crash: string | undefined
    worker.on('message', (m: FromWorker) => {
      if (worker === this.worker) this.receive(m)
    })
    worker.on('error', (err) => (crash = err.message))
    worker.on('exit', (code) => {
      if (worker !== this.worker) return
      this.worker = undefined
      if (!this.running) return
      this.died(crash ?? `exit code ${code}`)
    })
  }

  private receive(m: FromWorker): void {
    this.lastHeard = Date.now()
    if (m.type === 'checked') {
      const pending = this.checks.get(m.id)
      this.checks.delete(m.id)
      if (m.error) {
        const { kind, message, detail } = m.error
        pending?.reject(new PortwardenError(kind, message, detail))
      } else pending?.resolve(m.value)
      return
    }
    this.polled(m)
  }

  private polled(m: Polled): void {
    if (m.ms !== undefined) this.lastReadMs = m.ms
    if (m.error !== undefined) {
      this.firstError = m.error
      this.rejectWaiters(noReadingYet(m.error))
    }
    if (m.delta) {
      const first = !this.heard
      this.heard = true
      this.deaths = 0
      this.deliver(first ? this.mirror.replace(m.delta) : (this.mirror.apply(m.delta), m.delta))
    }
    if (m.id !== undefined) {
      this.refreshes.get(m.id)?.()
      this.refreshes.delete(m.id)
    }
  }

  private deliver(delta: InventoryDelta | undefined): void {
    const s = this.mirror.snapshot()
    if (s) for (const w of this.waiters.splice(0)) w.resolve(s)
    if (delta) notifyAll(this.listeners, delta)
  }

  private died(why: string): void {
    this.deaths++
    const message = `The inventory reader stopped (${why}); restarting it. The data shown is from before.`
    this.deliver(this.mirror.markStale(this.now().toISOString(), message))
    if (this.mirror.empty) this.rejectWaiters(noReadingYet(message))
    this.settleRefreshes()
    this.restartTimer = setTimeout(() => this.running && this.spawn(), restartDelay(this.deaths))
    this.restartTimer.unref()
  }

  private checkAlive(): void {
    // A worker starting up (loading, compiling on a busy machine) gets longer to be heard.
    const allowed = this.heard ? this.hangMs : Math.max(this.hangMs, STARTUP_MS)
    if (this.worker && Date.now() - this.lastHeard > allowed) {
      console.error(`Portwarden: the inventory reader has not answered for ${this.hangMs} ms`)
      void this.killWorker()
    }
  }

  private settleRefreshes(): void {
    for (const done of this.refreshes.values()) done()
    this.refreshes.clear()
    const gone = new PortwardenError(
      'internal',
      'The port check stopped: the inventory reader restarted. Try again.',
    )
    for (const c of this.checks.values()) c.reject(gone)
    this.checks.clear()
  }

  private rejectWaiters(err: unknown): void {
    for (const w of this.waiters.splice(0)) w.reject(err)
  }
}
