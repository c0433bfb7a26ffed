import { create } from 'zustand'
import type { InventoryDelta, InventoryStatus } from '../../../shared/inventory'
import type { SocketEntry } from '../../../shared/sockets'
import { describeError, ipc, type UiError } from '../ipc/client'
import { applyDelta, deltasAfter, fromSnapshot, type InventoryData } from './inventory-merge'

type InventoryState = Omit<InventoryData, 'status'> & {
  /** Undefined only until the first snapshot has been applied. */
  status?: InventoryStatus
  loaded: boolean
  /** Set while the first snapshot cannot be read; cleared once one arrives. */
  loadError?: UiError
}

const empty: InventoryState = {
  loaded: false,
  reservedRanges: [],
  dynamicRanges: [],
  socketsByKey: new Map<string, SocketEntry>(),
  sockets: [],
}

export const useInventoryStore = create<InventoryState>()(() => empty)

const RETRY_MS = 2000
let started = false
/** Deltas received before the snapshot answered; undefined once it has. */
let early: InventoryDelta[] | undefined = []

/**
 * Subscribes to inventory deltas once, then loads a snapshot to apply them to. Deltas that
 * arrive before the snapshot answers are held back and only those newer than it applied: over
 * Electron IPC they are all older (the snapshot includes them), but a transport that reorders
 * a push and a reply must not lose a change.
 */
export function startInventorySync(): void {
  if (started) return
  started = true
  ipc.onInventoryChanged((delta) => {
    if (early) early.push(delta)
    // Once `early` is gone the snapshot has been applied, so the state is complete.
    else useInventoryStore.setState((s) => applyDelta(s as InventoryData, delta))
  })
  loadSnapshot()
}

function loadSnapshot(): void {
  ipc.inventorySnapshot().then(
    (snapshot) => {
      const data = deltasAfter(snapshot, early ?? []).reduce(applyDelta, fromSnapshot(snapshot))
      early = undefined
      useInventoryStore.setState({ ...data, loaded: true, loadError: undefined })
    },
    (err: unknown) => {
      // Main could not read the OS even once; it may later (e.g. a transient netlink error).
      useInventoryStore.setState({ loadError: describeError(err) })
      setTimeout(loadSnapshot, RETRY_MS)
    },
  )
}
