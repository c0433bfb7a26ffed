import { create } from 'zustand'
import type { RuntimeReservation } from '../../../shared/model'
import { describeError, ipc, type UiError } from '../ipc/client'
import {
  GHOST_MS,
  listChanges,
  liveGhosts,
  KEEP_MS,
  nextSeq,
  pruneFlashes,
  stampFlashes,
  type Ghost,
  type RowFlash,
} from './row-flash'

interface RuntimeState {
  reservations: RuntimeReservation[]
  loaded: boolean
  /** Tokens with a release under way, so their buttons show it and cannot be pressed twice. */
  releasing: Record<string, true>
  /** The last failed release, shown beside the table. */
  releaseError?: UiError & { token: string }
  /** Rows added by the last pushes, by token, for the table to flash. */
  flashes: ReadonlyMap<string, RowFlash>
  /** Released rows, fading out where they were. */
  ghosts: readonly Ghost<RuntimeReservation>[]
  release(token: string): Promise<void>
}

export const useRuntimeStore = create<RuntimeState>()((set, get) => ({
  reservations: [],
  loaded: false,
  releasing: {},
  flashes: new Map(),
  ghosts: [],
  async release(token) {
    if (get().releasing[token]) return
    set((s) => ({ releasing: { ...s.releasing, [token]: true }, releaseError: undefined }))
    try {
      await ipc.release(token)
    } catch (err) {
      set({ releaseError: { ...describeError(err), token } })
    } finally {
      set((s) => {
        const { [token]: _done, ...rest } = s.releasing
        return { releasing: rest }
      })
    }
  },
}))

const tokenOf = (r: RuntimeReservation) => r.token

/** Drops ghosts that have faded; scheduled whenever one is added. */
function pruneGhosts(): void {
  useRuntimeStore.setState((s) => ({
    ghosts: liveGhosts(s.ghosts, Date.now(), (k) => s.reservations.some((r) => r.token === k)),
  }))
}

function expireFlashes(): void {
  useRuntimeStore.setState((s) => ({ flashes: pruneFlashes(s.flashes, Date.now()) }))
}

const sameReservation = (a: RuntimeReservation, b: RuntimeReservation) =>
  a.token === b.token &&
  a.protocol === b.protocol &&
  a.startPort === b.startPort &&
  a.count === b.count &&
  a.acquiredAt === b.acquiredAt

/**
 * `next` with each reservation that did not change replaced by the object the store already
 * holds: a push carries the whole list as new objects, and memoized rows compare by identity.
 */
function keepUnchanged(
  prev: readonly RuntimeReservation[],
  next: RuntimeReservation[],
): RuntimeReservation[] {
  const held = new Map(prev.map((r) => [r.token, r]))
  return next.map((r) => {
    const old = held.get(r.token)
    return old && sameReservation(old, r) ? old : r
  })
}

/** A pushed list: flash what is new, fade what is gone (not on the first list: nothing "changed"). */
function applyList(pushed: RuntimeReservation[]): void {
  useRuntimeStore.setState((s) => {
    const reservations = keepUnchanged(s.reservations, pushed)
    if (!s.loaded) return { reservations, loaded: true }
    const { added, removed } = listChanges(s.reservations, reservations, tokenOf)
    const now = Date.now()
    if (removed.length) setTimeout(pruneGhosts, GHOST_MS + 20)
    if (added.length) setTimeout(expireFlashes, KEEP_MS + 20)
    const live = new Set(reservations.map(tokenOf))
    return {
      reservations,
      flashes: stampFlashes(s.flashes, added, [], now, nextSeq()),
      ghosts: [
        ...liveGhosts(s.ghosts, now, (k) => live.has(k)),
        ...removed.map((g) => ({ ...g, at: now })),
      ],
    }
  })
}

let started = false

/**
 * Subscribes to main's snapshots once, then loads the current list. Pushes carry the whole
 * list, so the renderer never has to merge changes.
 */
export function startRuntimeSync(): void {
  if (started) return
  started = true
  ipc.onRuntimeChanged(applyList)
  void ipc.listRuntime().then((reservations) => {
    // A push that arrived first is newer than this answer: keep it.
    if (!useRuntimeStore.getState().loaded) useRuntimeStore.setState({ reservations, loaded: true })
  })
}
