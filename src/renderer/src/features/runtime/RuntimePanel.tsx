import { useRef } from 'react'
import { PortMap } from '../port-map/PortMap'
import { ReserveForm } from '../reserve/ReserveForm'
import { RuntimeTable } from './RuntimeTable'

/**
 * The first tab: the port map over the Reserve form and the table it adds to. When the last
 * row is released from the keyboard, focus goes back to the Reserve button.
 */
export function RuntimePanel() {
  const reserveButton = useRef<HTMLButtonElement>(null)
  return (
    <div className="runtime-panel">
      <PortMap />
      <ReserveForm submitRef={reserveButton} />
      <RuntimeTable onEmptied={() => reserveButton.current?.focus()} />
    </div>
  )
}
