import { PortwardenError, type Result } from '../../../shared/errors'
import type { HolderRecord } from '../../../shared/holders'

/**
 * The only module that touches `window.api`: unwraps result envelopes into values or
 * PortwardenErrors, so components deal in plain async functions.
 */
async function unwrap<T>(pending: Promise<Result<T>>): Promise<T> {
  const r = await pending
  if (r.ok) return r.value
  throw PortwardenError.fromInfo(r.error)
}

type Api = typeof window.api

export const ipc = {
  appInfo: () => unwrap(window.api.app.info()),
  listRuntime: () => unwrap(window.api.runtime.list()),
  reserve: (...args: Parameters<Api['runtime']['reserve']>) =>
    unwrap(window.api.runtime.reserve(...args)),
  release: (token: string) => unwrap(window.api.runtime.release({ token })),
  releaseAll: () => unwrap(window.api.runtime.releaseAll()),
  /** Windows: the port the pool hands a fresh socket associated with the reservation. */
  associateProbe: (token: string) => unwrap(window.api.runtime.associateProbe({ token })),
  onRuntimeChanged: (...args: Parameters<Api['events']['onRuntimeChanged']>) =>
    window.api.events.onRuntimeChanged(...args),

  inventorySnapshot: () => unwrap(window.api.inventory.snapshot()),
  /** One verdict per port of `ports` ("3000", "3000,5432", "8000-8100"). */
  checkPorts: (...args: Parameters<Api['ports']['check']>) =>
    unwrap(window.api.ports.check(...args)),
  /** One page of a check: the verdicts for ports [offset, offset + limit) of the list. */
  checkPortsPage: (...args: Parameters<Api['ports']['checkPage']>) =>
    unwrap(window.api.ports.checkPage(...args)),
  /** Both answer with the administered reserved ranges as they are afterwards. */
  addReserved: (...args: Parameters<Api['reserved']['add']>) =>
    unwrap(window.api.reserved.add(...args)),
  removeReserved: (...args: Parameters<Api['reserved']['remove']>) =>
    unwrap(window.api.reserved.remove(...args)),
  /** Opens the save dialog in main; the file's extension picks the format. */
  exportReport: () => unwrap(window.api.report.export()),
  /** Opens an earlier JSON report and compares it with the machine now. */
  compareReport: () => unwrap(window.api.report.compare()),
  /** Deltas only: apply them on top of a snapshot (see stores/inventory-store.ts). */
  onInventoryChanged: (...args: Parameters<Api['events']['onInventoryChanged']>) =>
    window.api.events.onInventoryChanged(...args),

  /** Every watched port with its current verdict. */
  listWatched: () => unwrap(window.api.watch.list()),
  /** Add and remove both answer with the whole list as it is afterwards. */
  addWatched: (...args: Parameters<Api['watch']['add']>) => unwrap(window.api.watch.add(...args)),
  removeWatched: (...args: Parameters<Api['watch']['remove']>) =>
    unwrap(window.api.watch.remove(...args)),
  onWatchChanged: (...args: Parameters<Api['events']['onWatchChanged']>) =>
    window.api.events.onWatchChanged(...args),

  /** Who a process is: executable, command line, user, start time, unit, container. */
  processDetails: (pid: number) => unwrap(window.api.process.details({ pid })),
  /** SIGTERM (or SIGKILL with force) and a short wait; answers whether it exited. */
  endProcess: (...args: Parameters<Api['process']['end']>) =>
    unwrap(window.api.process.end(...args)),
  /** Closes exactly one socket (Linux SOCK_DESTROY: needs root). */
  closeSocket: (...args: Parameters<Api['socket']['close']>) =>
    unwrap(window.api.socket.close(...args)),
  /** Well-known service names of ports. */
  serviceNames: (...args: Parameters<Api['ports']['names']>) =>
    unwrap(window.api.ports.names(...args)),
  /** The free block nearest a refused one, bound for real before it is offered. */
  nearestFree: (...args: Parameters<Api['ports']['nearestFree']>) =>
    unwrap(window.api.ports.nearestFree(...args)),
  /** What each block is for, by range (kept in the settings file). */
  listLabels: () => unwrap(window.api.labels.list()),
  setLabel: (...args: Parameters<Api['labels']['set']>) => unwrap(window.api.labels.set(...args)),

  /**
   * Blocks held by other running Portwardens, or undefined where main has no `runtime:others`
   * channel. Looked up by name rather than typed through the contract, so this module builds
   * against contracts with and without that channel.
   */
  otherHolders: async (): Promise<HolderRecord[] | undefined> => {
    const group = window.api.runtime as unknown as Record<string, unknown>
    const call = group['others'] as (() => Promise<Result<HolderRecord[]>>) | undefined
    return typeof call === 'function' ? unwrap(call()) : undefined
  },
}

/** Any caught value as an ErrorInfo-like object for display. */
export function describeError(err: unknown): { kind: string; message: string; detail?: string } {
  if (err instanceof PortwardenError)
    return { kind: err.kind, message: err.message, detail: err.detail }
  return { kind: 'internal', message: err instanceof Error ? err.message : String(err) }
}

export type UiError = ReturnType<typeof describeError>
