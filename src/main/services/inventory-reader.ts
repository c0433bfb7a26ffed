import { InventoryDelta, type InventorySnapshot } from '../../shared/inventory'
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
      return this.keepStale(before, err)
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
    const delta = diffInventory(before, next, sockets)
    // Checked against the contract here, where it is made (in the app: the inventory worker),
    // so main forwards it to the renderer without parsing 10,000 sockets on its own thread.
    // A value the contract refuses (a bug in a lister) is never passed on: the last good
    // reading stays, marked stale with the reason.
    const checked = delta && InventoryDelta.safeParse(delta)
    if (checked && !checked.success) {
      const [issue] = checked.error.issues
      const where = issue?.path.map(String).join('.') ?? ''
      // diffChanges updated the index in place: rebuilt from the reading that stays.
      this.lastIndex = SocketIndex.of(before?.sockets ?? [])
      return this.keepStale(
        before,
        new Error(`A reading the contract refuses, at ${where}: ${issue?.message}`),
      )
    }
    this.lastIndex = sockets.index
    this.last = next
    return delta
  }

  /** A failed reading: the last good one stays, marked stale (the first failure says why). */
  private keepStale(
    before: InventorySnapshot | undefined,
    err: unknown,
  ): InventoryDelta | undefined {
    if (!before) {
      this.firstError = err // no good reading yet to fall back on
      return undefined
    }
    const stale = before.status.stale ?? {
      since: this.now().toISOString(),
      message: err instanceof Error ? err.message : String(err),
    }
    const next = { ...before, status: { ...before.status, stale } }
    const none = { added: [], changed: [], removed: [], index: this.lastIndex }
    this.last = next
    return diffInventory(before, next, none)
  }

  private readOs(): InventorySnapshot {
    const listing = this.backend.listSockets()
    // A range list the OS will not give (Windows' netsh failing, or printing no table under
    // Wine) must not blank the sockets too: the last list read stays, and the status says why.
    const errors: string[] = []
    const orLast = <T>(read: () => T[], last: T[] | undefined): T[] => {
      try {
        return read()
      } catch (err) {
        errors.push(err instanceof Error ? err.message : String(err))
        return last ?? []
      }
    }
    const reservedRanges = orLast(() => this.backend.reservedRanges(), this.last?.reservedRanges)
    const dynamicRanges = orLast(() => this.backend.dynamicRanges(), this.last?.dynamicRanges)
    return {
      status: {
        takenAt: this.now().toISOString(),
        source: listing.source,
        ownersComplete: listing.ownersComplete,
        pollIntervalMs: this.intervalMs,
        ...(errors.length ? { rangesError: errors.join(' ') } : {}),
      },
      reservedRanges,
      dynamicRanges,
      sockets: listing.sockets,
    }
  }
}
