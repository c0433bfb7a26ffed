import type { InventoryDelta } from '../../../shared/inventory'

/** What main hands the worker when it starts it. */
export interface InventoryWorkerData {
  intervalMs: number
  /**
   * Test-only: a module whose `createBackend()` the worker reads instead of this OS's backend
   * (a poll that hangs or throws on cue). The app never sets it.
   */
  backendModule?: string
}

/** main → worker */
export type ToWorker = { type: 'refresh'; id: number }

/** worker → main */
export type FromWorker = {
  /** Sent after every reading, changed or not: main's watchdog hears the worker is alive. */
  type: 'polled'
  /** The `refresh` this reading answers; absent for the timer's readings. */
  id?: number
  /** What changed since the worker's previous reading; its first reading has everything. */
  delta?: InventoryDelta
  /** Why the OS could not be read, while there has been no good reading at all. */
  error?: string
}
