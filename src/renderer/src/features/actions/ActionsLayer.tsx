import { useCallback } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useAppInfoStore } from '../../stores/app-info-store'
import { useRuntimeStore } from '../../stores/runtime-store'
import { closeMenu, useActionsStore } from './actions-store'
import { ContextMenu } from './ContextMenu'
import { EndProcessDialog } from './EndProcessDialog'
import { runSocketAction } from './run-action'
import { socketActions } from './socket-actions'
import { WhyPanel } from './WhyPanel'

/** The side panel, the context menu and the end-process dialog, once for the whole page. */
export function ActionsLayer() {
  const { why, menu, ending } = useActionsStore(
    useShallow((s) => ({ why: s.why, menu: s.menu, ending: s.ending })),
  )
  const ourPid = useAppInfoStore((s) => s.info?.pid)
  const ours = useRuntimeStore((s) => s.reservations)
  const onClose = useCallback(() => closeMenu(), [])
  const actions = menu ? socketActions(menu.socket, { ourPid, ours }) : []
  return (
    <>
      {why && <WhyPanel key={`${why.protocol} ${why.port}`} {...why} />}
      {menu && (
        <ContextMenu
          label={`Actions for ${menu.socket.protocol.toUpperCase()} ${menu.socket.localPort}`}
          x={menu.x}
          y={menu.y}
          items={actions.map((a, i) => ({
            id: String(i),
            label: a.label,
            shortcut:
              a.id === 'copy'
                ? 'Ctrl+C'
                : a.id === 'why'
                  ? 'Enter'
                  : a.id === 'end'
                    ? 'Del'
                    : undefined,
            danger: a.id === 'end',
          }))}
          onPick={(id) => {
            const action = actions[Number(id)]
            const socket = menu.socket
            closeMenu()
            if (action) runSocketAction(action, socket)
          }}
          onClose={onClose}
        />
      )}
      {ending && <EndProcessDialog key={ending.pid} target={ending} />}
    </>
  )
}
