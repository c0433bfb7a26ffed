import type { InventoryDelta, InventorySnapshot } from '../../shared/inventory'
import { PortwardenError } from '../../shared/errors'
import type { PortBackend } from '../platform/backend'
import { diffInventory } from './inventory-diff'

type Listener = (delta: InventoryDelta) => void

export const DEFAULT_POLL_MS = 1000

/**
 * One poller for everything Portwarden shows besides its own tokens: reads the OS, diffs with
 * the last reading, and tells listeners only what changed. A failing poll keeps the last good
 * data and marks it stale until a later poll succeeds.
 */
export class InventoryService {
  private last?: InventorySnapshot
  private firstError?: unknown
  private timer?: NodeJS.Timeout
  private readonly listeners = new Set<Listener>()

  constructor(
    private readonly backend: PortBackend,
    private readonly intervalMs = DEFAULT_POLL_MS,
    private readonly now: () => Date = () => new Date(),
  ) {}

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
    if (!this.last) this.poll()
    if (!this.last) {
      throw new PortwardenError(
        'internal',
        'Portwarden could not read the ports in use.',
        this.firstError instanceof Error ? this.firstError.message : String(this.firstError),
      )
    }
    return this.last
  }

  /** Reads once; returns the delta that was pushed, if anything changed. */
  poll(): InventoryDelta | undefined {
    let next: InventorySnapshot
    try {
      next = this.read()
    } catch (err) {
      this.firstError = err // no good reading yet to fall back on
      return undefined
    }
    const delta = diffInventory(this.last, next)
    this.last = next
    if (delta) {
      for (const l of this.listeners) {
        // A failing listener (a closed window) must not stop the poller or the other listeners.
        try {
          l(delta)
        } catch (err) {
          console.error('Portwarden: an inventory listener failed:', err)
        }
      }
    }
    return delta
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private read(): InventorySnapshot {
    try {
      const listing = this.backend.listSockets()
      return {
        status: {
          takenAt: this.now().toISOString(),
          source: listing.source,
          ownersComplete: listing.ownersComplete,
          pollIntervalMs: this.intervalMs,
        },
        reservedRanges: this.backend.reservedRanges(),
        dynamicRanges: this.backend.dynamicRanges(),
        sockets: listing.sockets,
      }
    } catch (err) {
      if (!this.last) throw err
      const stale = this.last.status.stale ?? {
        since: this.now().toISOString(),
        message: err instanceof Error ? err.message : String(err),
      }
      return { ...this.last, status: { ...this.last.status, stale } }
    }
  }
}
