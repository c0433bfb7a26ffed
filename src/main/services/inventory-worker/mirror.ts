import { socketKey, type InventoryDelta, type InventorySnapshot } from '../../../shared/inventory'
import type { SocketEntry } from '../../../shared/sockets'
import { diffInventory, diffSockets, SocketIndex } from '../inventory-diff'

/**
 * main's copy of the worker's readings, kept by applying its deltas: O(change) per delta, and
 * the socket array for snapshot() is built only when someone asks, once per change.
 */
export class InventoryMirror {
  private status?: InventorySnapshot['status']
  private reservedRanges: InventorySnapshot['reservedRanges'] = []
  private dynamicRanges: InventorySnapshot['dynamicRanges'] = []
  private byKey = new Map<string, SocketEntry>()
  private built?: InventorySnapshot

  get empty(): boolean {
    return !this.status
  }

  snapshot(): InventorySnapshot | undefined {
    if (!this.status) return undefined
    this.built ??= {
      status: this.status,
      reservedRanges: this.reservedRanges,
      dynamicRanges: this.dynamicRanges,
      sockets: [...this.byKey.values()],
    }
    return this.built
  }

  /** Applies a delta from the same worker as the last one. */
  apply(delta: InventoryDelta): void {
    this.status = delta.status
    if (delta.reservedRanges) this.reservedRanges = delta.reservedRanges
    if (delta.dynamicRanges) this.dynamicRanges = delta.dynamicRanges
    for (const key of delta.socketsRemoved) this.byKey.delete(key)
    for (const s of delta.socketsAdded) this.byKey.set(socketKey(s), s)
    for (const s of delta.socketsChanged) this.byKey.set(socketKey(s), s)
    this.built = undefined
  }

  /**
   * Takes a (re)started worker's first reading, which holds everything, and returns what
   * changed against what main had: the delta to push on. Undefined when nothing did.
   */
  replace(first: InventoryDelta): InventoryDelta | undefined {
    const before = this.snapshot()
    const after: InventorySnapshot = {
      status: first.status,
      reservedRanges: first.reservedRanges ?? this.reservedRanges,
      dynamicRanges: first.dynamicRanges ?? this.dynamicRanges,
      sockets: first.socketsAdded,
    }
    const delta = diffInventory(
      before,
      after,
      diffSockets(SocketIndex.of(this.byKey.values()), after.sockets),
    )
    this.status = after.status
    this.reservedRanges = after.reservedRanges
    this.dynamicRanges = after.dynamicRanges
    this.byKey = new Map(after.sockets.map((s) => [socketKey(s), s]))
    this.built = undefined
    return delta
  }

  /** Marks the data stale (the worker is down); the status-only delta to push, if it changed. */
  markStale(since: string, message: string): InventoryDelta | undefined {
    if (!this.status || this.status.stale) return undefined
    this.status = { ...this.status, stale: { since, message } }
    this.built = undefined
    return { status: this.status, socketsAdded: [], socketsRemoved: [], socketsChanged: [] }
  }
}
