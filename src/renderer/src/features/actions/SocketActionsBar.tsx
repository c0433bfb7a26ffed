import type { SocketEntry } from '../../../../shared/sockets'
import { useAppInfoStore } from '../../stores/app-info-store'
import { useRuntimeStore } from '../../stores/runtime-store'
import { toggleGroupByProcess, togglePaused, useActionsStore } from './actions-store'
import { ColumnChooser } from './ColumnChooser'
import { copyRows, runSocketAction } from './run-action'
import { socketActions } from './socket-actions'

interface Props {
  /** The selected socket, if any. */
  row?: SocketEntry
  /** Every row Copy would take (the selected and the Ctrl/Shift-picked ones). */
  chosen: () => SocketEntry[]
  paused: boolean
}

/**
 * The actions of the selected socket as buttons above the list (what the context menu offers),
 * and the pause switch. Disabled, with the reason, while no row is selected.
 */
export function SocketActionsBar({ row, chosen, paused }: Props) {
  const ourPid = useAppInfoStore((s) => s.info?.pid)
  const ours = useRuntimeStore((s) => s.reservations)
  const grouped = useActionsStore((s) => s.groupByProcess)
  const actions = row ? socketActions(row, { ourPid, ours }) : []
  const byId = (id: string) => actions.find((a) => a.id === id)
  const button = (id: string, label: string, className = 'secondary') => {
    const a = byId(id)
    return (
      <button
        type="button"
        className={className}
        disabled={!a}
        title={a ? a.label : row ? `Not for this row` : 'Select a row first'}
        onClick={() => a && row && runSocketAction(a, row)}
      >
        {label}
      </button>
    )
  }
  return (
    <div className="row-actions-bar" role="toolbar" aria-label="Socket actions">
      {button('why', 'Why?')}
      {button('end', 'End process…')}
      {button('close', 'Close connection')}
      {byId('release') && button('release', 'Release block')}
      <button
        type="button"
        className="secondary"
        disabled={!row}
        aria-keyshortcuts="Control+C"
        onClick={() => void copyRows(chosen())}
      >
        Copy
      </button>
      <button
        type="button"
        className="secondary"
        aria-pressed={paused}
        aria-keyshortcuts="Space"
        onClick={togglePaused}
      >
        {paused ? 'Resume updates' : 'Pause updates'}
      </button>
      <button
        type="button"
        className="secondary"
        aria-pressed={grouped}
        onClick={toggleGroupByProcess}
      >
        Group by process
      </button>
      <ColumnChooser />
    </div>
  )
}
