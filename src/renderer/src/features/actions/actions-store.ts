import { create } from 'zustand'
import type { Protocol } from '../../../../shared/model'
import type { SocketEntry } from '../../../../shared/sockets'
import type { UiError } from '../../ipc/client'

/** What the one message area says: the outcome of the last action, until dismissed. */
export type Message =
  | { tone: 'ok'; text: string; undo?: () => Promise<void> }
  | { tone: 'error'; text: string; error: UiError }

/** The process an "End process…" dialog is about. */
export interface EndTarget {
  pid: number
  name: string
  user?: string
  /** The port the user was looking at, to say afterwards whether it is free. */
  port?: { protocol: Protocol; port: number }
}

interface ActionsState {
  /** "Why can't I bind this?": the port the side panel explains, and the row it came from. */
  why?: { protocol: Protocol; port: number; socket?: SocketEntry }
  /** The context menu: where, and for which socket. */
  menu?: { x: number; y: number; socket: SocketEntry }
  ending?: EndTarget
  message?: Message
  /** Socket rows picked with Ctrl/Shift+click, beyond the selected one (for Copy). */
  picked: ReadonlySet<string>
  /** "Ports in use" is frozen (Space): pushes still arrive, the list shows them on resume. */
  paused: boolean
  /** Our own blocks' sockets are folded into one line per block (the list stays about others). */
  hideOwnBlocks: boolean
  /** Blocks (tokens) unfolded back into the list. */
  unfolded: ReadonlySet<string>
  /** "Ports in use" columns the user switched off. */
  hiddenColumns: ReadonlySet<string>
  /** "Ports in use" grouped by owning process (the sort applies inside each group). */
  groupByProcess: boolean
}

/**
 * Row actions across the page: the side panel, the context menu, the end-process dialog and the
 * message area are each open once, whichever table or verdict asked for them.
 */
export const useActionsStore = create<ActionsState>()(() => ({
  picked: new Set(),
  paused: false,
  hideOwnBlocks: true,
  unfolded: new Set(),
  hiddenColumns: new Set(),
  groupByProcess: false,
}))

export const showWhy = (protocol: Protocol, port: number, socket?: SocketEntry): void =>
  useActionsStore.setState({ why: { protocol, port, socket }, menu: undefined })
export const closeWhy = (): void => useActionsStore.setState({ why: undefined })
export const openMenu = (x: number, y: number, socket: SocketEntry): void =>
  useActionsStore.setState({ menu: { x, y, socket } })
export const closeMenu = (): void => useActionsStore.setState({ menu: undefined })
export const askEnd = (target: EndTarget): void =>
  useActionsStore.setState({ ending: target, menu: undefined })
export const closeEnd = (): void => useActionsStore.setState({ ending: undefined })
export const say = (message: Message): void => useActionsStore.setState({ message })
export const dismissMessage = (): void => useActionsStore.setState({ message: undefined })
export const setPicked = (picked: ReadonlySet<string>): void => useActionsStore.setState({ picked })
export const togglePaused = (): void => useActionsStore.setState((s) => ({ paused: !s.paused }))
export const setHideOwnBlocks = (hideOwnBlocks: boolean): void =>
  useActionsStore.setState({ hideOwnBlocks })
export function toggleUnfolded(token: string): void {
  useActionsStore.setState((s) => {
    const unfolded = new Set(s.unfolded)
    if (unfolded.has(token)) unfolded.delete(token)
    else unfolded.add(token)
    return { unfolded }
  })
}
export function toggleColumn(id: string): void {
  useActionsStore.setState((s) => {
    const hiddenColumns = new Set(s.hiddenColumns)
    if (hiddenColumns.has(id)) hiddenColumns.delete(id)
    else hiddenColumns.add(id)
    return { hiddenColumns }
  })
}
export const toggleGroupByProcess = (): void =>
  useActionsStore.setState((s) => ({ groupByProcess: !s.groupByProcess }))
