import type { KeyboardEvent, MouseEvent } from 'react'
import { socketKey } from '../../../../shared/socket-key'
import type { SocketEntry } from '../../../../shared/sockets'
import { useAppInfoStore } from '../../stores/app-info-store'
import { useRuntimeStore } from '../../stores/runtime-store'
import { selectRow, useUiStore } from '../../stores/ui-store'
import { openMenu, setPicked, showWhy, togglePaused, useActionsStore } from './actions-store'
import { copyRows, runSocketAction } from './run-action'
import { socketActions } from './socket-actions'

const rowOf = (target: EventTarget) => (target as Element).closest?.('tr[data-key]')

/**
 * What the "Ports in use" rows do besides selection, delegated from the table body and the
 * scroll region: right-click or the Menu key (Shift+F10) opens the actions menu; double-click or
 * Enter asks "why can't I bind this?"; Delete asks to end the owner; Ctrl+C copies the selected
 * (and Ctrl/Shift-picked) rows as TSV; Space pauses and resumes live updates.
 */
export function useRowActions(rows: readonly SocketEntry[]) {
  const selected = useUiStore((s) => s.selection.socket)
  const picked = useActionsStore((s) => s.picked)
  const paused = useActionsStore((s) => s.paused)
  const find = (key: string | undefined | null) =>
    key ? rows.find((r) => socketKey(r) === key) : undefined
  const current = () => find(selected)
  const context = () => ({
    ourPid: useAppInfoStore.getState().info?.pid,
    ours: useRuntimeStore.getState().reservations,
  })
  const chosen = (): SocketEntry[] => {
    const keys = new Set(picked)
    if (selected) keys.add(selected)
    return rows.filter((r) => keys.has(socketKey(r)))
  }

  const onClick = (e: MouseEvent) => {
    const key = rowOf(e.target)?.getAttribute('data-key')
    if (!key) return
    if (e.ctrlKey || e.metaKey) {
      const next = new Set(picked)
      if (selected && selected !== key) next.add(selected)
      if (next.has(key)) next.delete(key)
      else next.add(key)
      setPicked(next)
    } else if (e.shiftKey && selected) {
      const a = rows.findIndex((r) => socketKey(r) === selected)
      const b = rows.findIndex((r) => socketKey(r) === key)
      if (a >= 0 && b >= 0)
        setPicked(new Set(rows.slice(Math.min(a, b), Math.max(a, b) + 1).map(socketKey)))
    } else if (picked.size) setPicked(new Set())
  }
  const onContextMenu = (e: MouseEvent) => {
    const row = find(rowOf(e.target)?.getAttribute('data-key'))
    if (!row) return
    e.preventDefault()
    selectRow('socket', socketKey(row))
    openMenu(e.clientX, e.clientY, row)
  }
  const onDoubleClick = (e: MouseEvent) => {
    const row = find(rowOf(e.target)?.getAttribute('data-key'))
    if (row) showWhy(row.protocol, row.localPort, row)
  }
  /** True when the key was an action (the caller then skips its own handling). */
  const onKeyDown = (e: KeyboardEvent<HTMLElement>): boolean => {
    if (e.target !== e.currentTarget) return false
    const row = current()
    const menuKey = e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)
    if (e.key === ' ' && !e.ctrlKey && !e.altKey) togglePaused()
    else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'c') {
      const rowsToCopy = chosen()
      if (!rowsToCopy.length) return false
      void copyRows(rowsToCopy)
    } else if (!row) return false
    else if (e.key === 'Enter') showWhy(row.protocol, row.localPort, row)
    else if (menuKey) {
      const box = e.currentTarget
        .querySelector(`tr[data-key="${CSS.escape(socketKey(row))}"]`)
        ?.getBoundingClientRect()
      openMenu(box ? box.left + 40 : 100, box ? box.bottom : 100, row)
    } else if (e.key === 'Delete') {
      const end = socketActions(row, context()).find((a) => a.id === 'end')
      if (!end) return false
      runSocketAction(end, row)
    } else return false
    e.preventDefault()
    return true
  }
  return { onClick, onContextMenu, onDoubleClick, onKeyDown, picked, paused, current, chosen }
}
