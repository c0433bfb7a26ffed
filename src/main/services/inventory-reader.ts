import type { InventoryDelta, InventorySnapshot } from '../../shared/inventory'
import type { PortBackend } from '../platform/backend'
import { socketChanges } from '../platform/socket-changes'
import { diffChanges, diffInventory, diffSockets, SocketIndex } from './inventory-diff'

/**
 * One reading of the OS at a time, diffed with the one before: the part of the inventory that
 * does the work, run on main's thread (CLI, tests) or in the inventory worker (the app). A
 * failing read keeps the last good data and marks it stale until a later read succeeds.
 */
export class InventoryReader {
  last?: InventorySnapshot
  /** Why the very first read failed, while there is no good reading to fall back on. */
  firstError?: unknown
  private lastIndex = new SocketIndex()

  constructor(
    private readonly backend: PortBackend,
    readonly intervalMs: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Reads once; the delta against the previous reading, undefined when nothing changed. */
  read(): InventoryDelta | undefined {
    const before = this.last
    let next: InventorySnapshot
    try {
      next = this.readOs()
    } catch (err) {
      if (!before) {
        this.firstError = err // no good reading yet to fall back on
        return undefined
      }
      const stale = before.status.stale ?? {
        since: this.now().toISOString(),
        message: err instanceof Error ? err.message : String(err),
      }
      next = { ...before, status: { ...before.status, stale } }
    }
    // The lister hands back the very same array when nothing changed: nothing to compare;
    // and says what changed when it knows, since the reading before: only that is compared.
    const changes = socketChanges.get(next.sockets)
    const sockets =
      before && next.sockets === before.sockets
        ? { added: [], changed: [], removed: [], index: this.lastIndex }
        : before && changes?.since === before.sockets
          ? diffChanges(this.lastIndex, changes)
          : diffSockets(this.lastIndex, next.sockets)
    this.lastIndex = sockets.index
    this.last = next
    return diffInventory(before, next, sockets)
  }

  private readOs(): InventorySnapshot {
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
  }
}
