import type { InventoryDelta, InventorySnapshot } from '../../shared/inventory'
import { PortwardenError } from '../../shared/errors'
import type { PortBackend } from '../platform/backend'
import { InventoryReader } from './inventory-reader'

export type InventoryListener = (delta: InventoryDelta) => void

export const DEFAULT_POLL_MS = 1000

/**
 * Everything Portwarden shows besides its own tokens, kept current: what the services, the IPC
 * handlers and the pushes use, whether the OS is read on this thread (InventoryService) or in
 * the inventory worker (WorkerInventory, the app's).
 */
export interface Inventory {
  start(): void
  stop(): void
  /** The latest reading; throws when there is none (yet). */
  snapshot(): InventorySnapshot
  /** The latest reading, waiting for the first one if need be. */
  ready(): Promise<InventorySnapshot>
  /** Reads now; resolves once that reading's delta, if any, has reached the listeners. */
  refresh(): Promise<void>
  onChange(listener: InventoryListener): () => void
}

/** Calls each listener; a failing one (a closed window) must not stop the others or the poller. */
export function notifyAll(listeners: Iterable<InventoryListener>, delta: InventoryDelta): void {
  for (const l of listeners) {
    try {
      l(delta)
    } catch (err) {
      console.error('Portwarden: an inventory listener failed:', err)
    }
  }
}

export const noReadingYet = (why: unknown) =>
  new PortwardenError(
    'internal',
    'Portwarden could not read the ports in use.',
    why instanceof Error ? why.message : String(why),
  )

/**
 * The inventory read on the caller's thread: the CLI (one reading, then exit) and tests with
 * a backend made in the test. The app reads in a worker instead (inventory-worker/), since a
 * reading with owners takes tens of milliseconds at 10,000 sockets.
 */
export class InventoryService implements Inventory {
  private readonly reader: InventoryReader
  private timer?: NodeJS.Timeout
  private readonly listeners = new Set<InventoryListener>()

  constructor(
    backend: PortBackend,
    private readonly intervalMs = DEFAULT_POLL_MS,
    now: () => Date = () => new Date(),
  ) {
    this.reader = new InventoryReader(backend, intervalMs, now)
  }

  start(): void {
    if (this.timer) return
    this.poll()
    this.timer = setInterval(() => this.poll(), this.intervalMs)
    this.timer.unref()
  }

  stop(): void {
    clearInterval(this.timer)
    this.timer = undefined
  }

  /** The latest reading (taken now if there is none yet). */
  snapshot(): InventorySnapshot {
    if (!this.reader.last) this.poll()
    if (!this.reader.last) throw noReadingYet(this.reader.firstError)
    return this.reader.last
  }

  ready(): Promise<InventorySnapshot> {
    return new Promise((resolve) => resolve(this.snapshot()))
  }

  refresh(): Promise<void> {
    this.poll() // synchronously: callers may read snapshot() right after
    return Promise.resolve()
  }

  /** Reads once; returns the delta that was pushed, if anything changed. */
  poll(): InventoryDelta | undefined {
    const delta = this.reader.read()
    if (delta) notifyAll(this.listeners, delta)
    return delta
  }

  onChange(listener: InventoryListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
