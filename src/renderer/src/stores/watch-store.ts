import { create } from 'zustand'
import type { WatchedPort, WatchedStatus, WatchKey } from '../../../shared/watch'
import { describeError, ipc, type UiError } from '../ipc/client'
import {
  KEEP_MS,
  listChanges,
  nextSeq,
  pruneFlashes,
  stampFlashes,
  type RowFlash,
} from './row-flash'

interface WatchState {
  statuses: WatchedStatus[]
  loaded: boolean
  loadError?: UiError
  /** Rows whose verdict flipped (or that were just added), by watchKey, for the table to flash. */
  flashes: ReadonlyMap<string, RowFlash>
}

export const useWatchStore = create<WatchState>()(() => ({
  statuses: [],
  loaded: false,
  flashes: new Map(),
}))

export const watchKey = (k: WatchKey): string => `${k.protocol}:${k.port}`
const keyOfStatus = (s: WatchedStatus) => watchKey(s.watched)

/** A whole list from main (a push or an add/remove answer): flash what is new or flipped. */
function applyList(statuses: WatchedStatus[]): void {
  useWatchStore.setState((s) => {
    if (!s.loaded) return { statuses, loaded: true, loadError: undefined }
    const { added, changed } = listChanges(
      s.statuses,
      statuses,
      keyOfStatus,
      (a, b) => a.verdict.bindable !== b.verdict.bindable,
    )
    if (added.length + changed.length) setTimeout(expireFlashes, KEEP_MS + 20)
    return { statuses, flashes: stampFlashes(s.flashes, added, changed, Date.now(), nextSeq()) }
  })
}

function expireFlashes(): void {
  useWatchStore.setState((s) => ({ flashes: pruneFlashes(s.flashes, Date.now()) }))
}

let started = false

/** Subscribes to watch:changed once, then loads the list (a push that came first wins). */
export function startWatchSync(): void {
  if (started) return
  started = true
  ipc.onWatchChanged(applyList)
  ipc.listWatched().then(
    (statuses) => {
      if (!useWatchStore.getState().loaded) applyList(statuses)
    },
    (err: unknown) => useWatchStore.setState({ loadError: describeError(err), loaded: true }),
  )
}

/** Adds (or relabels) a watched port. Throws the PortwardenError for the form to show. */
export async function addWatched(port: WatchedPort): Promise<void> {
  applyList(await ipc.addWatched(port))
}

export async function removeWatched(key: WatchKey): Promise<void> {
  applyList(await ipc.removeWatched(key))
}
