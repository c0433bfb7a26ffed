import { create } from 'zustand'
import { socketKey, type InventoryDelta, type InventoryStatus } from '../../../shared/inventory'
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
  socketsByKey: new Map<string, SocketEntry>(),
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
    // Once `early` is gone the snapshot has been applied, so the state is complete.
    else
      useInventoryStore.setState((s) => ({
        ...applyDelta(s as InventoryData, delta),
        ...rowChanges(s, delta),
      }))
  })
  loadSnapshot()
}

/** Flashes for added and changed sockets, ghosts for removed ones (read before they go). */
function rowChanges(s: InventoryState, delta: InventoryDelta): Partial<InventoryState> {
  if (delta.socketsAdded.length + delta.socketsChanged.length + delta.socketsRemoved.length === 0)
    return {}
  const now = Date.now()
  const flashes = stampFlashes(
    s.flashes,
    delta.socketsAdded.map(socketKey),
    delta.socketsChanged.map(socketKey),
    now,
    nextSeq(),
  )
  const removed: Ghost<SocketEntry>[] = []
  for (const key of delta.socketsRemoved) {
    const row = s.socketsByKey.get(key)
    if (row) removed.push({ key, row, at: now, index: 0 })
  }
  if (removed.length) setTimeout(pruneGhosts, GHOST_MS + 20)
  setTimeout(expireFlashes, KEEP_MS + 20)
  const added = new Set(delta.socketsAdded.map(socketKey))
  return { flashes, ghosts: [...liveGhosts(s.ghosts, now, (k) => added.has(k)), ...removed] }
}

function expireFlashes(): void {
  useInventoryStore.setState((s) => ({ flashes: pruneFlashes(s.flashes, Date.now()) }))
}

function pruneGhosts(): void {
  useInventoryStore.setState((s) => ({
    ghosts: liveGhosts(s.ghosts, Date.now(), (k) => s.socketsByKey.has(k)),
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
