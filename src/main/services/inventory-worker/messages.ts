import type { CheckPageRequest } from '../../../shared/check-page'
import type { ErrorInfo } from '../../../shared/errors'
import type { HolderRecord } from '../../../shared/holders'
import type { InventoryDelta } from '../../../shared/inventory'
import type { RuntimeReservation } from '../../../shared/model'
import type { CheckRequest } from '../../../shared/verdict'

/** What main hands the worker when it starts it. */
export interface InventoryWorkerData {
  intervalMs: number
  /**
   * Test-only: a module whose `createBackend()` the worker reads instead of this OS's backend
   * (a poll that hangs or throws on cue). The app never sets it.
   */
  backendModule?: string
}

/**
 * A port check for the worker, with what only main knows: the blocks this process holds and
 * those other Portwardens announce (the worker's test binds see them as taken; these say why).
 */
export interface CheckJob {
  request: { whole: CheckRequest } | { page: CheckPageRequest }
  ours: RuntimeReservation[]
  otherHolders: HolderRecord[]
}

/** main → worker */
export type ToWorker =
  { type: 'refresh'; id: number } | { type: 'check'; id: number; job: CheckJob }

/** worker → main */
export type FromWorker = Polled | Checked

/** A check's answer: its value (verdicts or a page), or the error it threw. */
export interface Checked {
  type: 'checked'
  id: number
  value?: unknown
  error?: ErrorInfo
}

export type Polled = {
  /** Sent after every reading, changed or not: main's watchdog hears the worker is alive. */
  type: 'polled'
  /** The `refresh` this reading answers; absent for the timer's readings. */
  id?: number
  /** What changed since the worker's previous reading; its first reading has everything. */
  delta?: InventoryDelta
  /** Why the OS could not be read, while there has been no good reading at all. */
  error?: string
  /** How long the reading took in the worker, in ms (the bench sets it beside the round trip). */
  ms?: number
}
