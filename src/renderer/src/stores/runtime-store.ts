import { create } from 'zustand'
import type { RuntimeReservation } from '../../../shared/model'
import { describeError, ipc } from '../ipc/client'

type UiError = ReturnType<typeof describeError>

interface RuntimeState {
  reservations: RuntimeReservation[]
  loaded: boolean
  /** Tokens with a release under way, so their buttons show it and cannot be pressed twice. */
  releasing: Record<string, true>
  /** The last failed release, shown beside the table. */
  releaseError?: UiError & { token: string }
  release(token: string): Promise<void>
}

export const useRuntimeStore = create<RuntimeState>()((set, get) => ({
  reservations: [],
  loaded: false,
  releasing: {},
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

let started = false

/**
 * Subscribes to main's snapshots once, then loads the current list. Pushes carry the whole
 * list, so the renderer never has to merge changes.
 */
export function startRuntimeSync(): void {
  if (started) return
  started = true
  ipc.onRuntimeChanged((reservations) => useRuntimeStore.setState({ reservations, loaded: true }))
  void ipc.listRuntime().then((reservations) => {
    // A push that arrived first is newer than this answer: keep it.
    if (!useRuntimeStore.getState().loaded) useRuntimeStore.setState({ reservations, loaded: true })
  })
}
