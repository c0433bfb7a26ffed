import { create } from 'zustand'
import type { InventoryDelta, InventoryStatus } from '../../../shared/inventory'
import { socketKey } from '../../../shared/socket-key'
import type { SocketEntry } from '../../../shared/sockets'
import { describeError, ipc, type UiError } from '../ipc/client'
import { applyDelta, deltasAfter, fromSnapshot, type InventoryData } from './inventory-merge'
import {
  GHOST_MS,
  liveGhosts,
  KEEP_MS,
  nextSeq,
  pruneFlashes,
  stampFlashes,
  type Ghost,
  type RowFlash,
} from './row-flash'

type InventoryState = Omit<InventoryData, 'status'> & {
  /** Undefined only until the first snapshot has been applied. */
  status?: InventoryStatus
  loaded: boolean
  /** Set while the first snapshot cannot be read; cleared once one arrives. */
  loadError?: UiError
  /** Sockets added or changed by the last pushes, by socketKey, for the table to flash. */
  flashes: ReadonlyMap<string, RowFlash>
  /** Sockets that went away, fading out. */
  ghosts: readonly Ghost<SocketEntry>[]
}

const empty: InventoryState = {
  loaded: false,
  reservedRanges: [],
  dynamicRanges: [],
  positions: new Map<string, number>(),
  sockets: [],
  flashes: new Map(),
  ghosts: [],
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
    // Once `early` is gone the snapshot has been applied, so the state is complete. One store
    // update per push: the data, the flashes and the ghosts change together.
    else
      useInventoryStore.setState((s) => {
        const data = applyDelta(s as InventoryData, delta)
        return data.sockets === s.sockets ? data : { ...data, ...rowChanges(s, data) }
      })
  })
  loadSnapshot()
}

/** Flashes for added and changed sockets, ghosts for removed ones. */
function rowChanges(s: InventoryState, data: InventoryData): Partial<InventoryState> {
  const change = data.change!
  const now = Date.now()
  const replacedKeys = new Set(change.replaced.map(socketKey))
  const enteredKeys = change.entered.map(socketKey)
  const flashes = stampFlashes(
    s.flashes,
    enteredKeys.filter((k) => !replacedKeys.has(k)),
    enteredKeys.filter((k) => replacedKeys.has(k)),
    now,
    nextSeq(),
  )
  const removed: Ghost<SocketEntry>[] = change.removed.map((row) => ({
    key: socketKey(row),
    row,
    at: now,
    index: 0,
  }))
  if (removed.length) setTimeout(pruneGhosts, GHOST_MS + 20)
  setTimeout(expireFlashes, KEEP_MS + 20)
  const live = new Set(enteredKeys)
  return { flashes, ghosts: [...liveGhosts(s.ghosts, now, (k) => live.has(k)), ...removed] }
}

function expireFlashes(): void {
  useInventoryStore.setState((s) => ({ flashes: pruneFlashes(s.flashes, Date.now()) }))
}

function pruneGhosts(): void {
  useInventoryStore.setState((s) => ({
    ghosts: liveGhosts(s.ghosts, Date.now(), (k) => s.positions.has(k)),
  }))
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
