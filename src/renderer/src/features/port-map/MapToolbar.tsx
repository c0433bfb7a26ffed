import { useState, type FormEvent } from 'react'
import type { Protocol } from '../../../../shared/model'
import { MAX_PORT } from '../../../../shared/ports'
import { FULL_VIEW, type MapView } from './map-view'

interface Props {
  protocol: Protocol
  view: MapView
  onZoom(factor: number): void
  onReset(): void
  onGoTo(port: number): void
  /** A lane per layer (true) or everything on one lane. */
  expanded: boolean
  onExpand(): void
}

const count = new Intl.NumberFormat()

/** Heading, what is in view, "go to port", and zoom buttons (the keyboard has + − 0 too). */
export function MapToolbar(props: Props) {
  const { protocol, view, onZoom, onReset, onGoTo, expanded, onExpand } = props
  const [target, setTarget] = useState('')
  const first = Math.floor(view.start)
  const last = Math.min(MAX_PORT, Math.ceil(view.start + view.span) - 1)
  const whole = view.span === FULL_VIEW.span
  const go = (e: FormEvent) => {
    e.preventDefault()
    const port = Number(target)
    if (Number.isInteger(port) && port >= 0 && port <= MAX_PORT) onGoTo(port)
  }
  return (
    <div className="map-toolbar">
      <h2 id="map-heading">
        Port space <span className="proto-chip">{protocol.toUpperCase()}</span>
      </h2>
      <span className="map-range mono" aria-live="off">
        {whole ? 'all ports' : `${count.format(first)}–${count.format(last)}`}
      </span>
      <button type="button" className="secondary small" aria-pressed={expanded} onClick={onExpand}>
        Lane per layer
      </button>
      <form className="map-goto" onSubmit={go} aria-label="Go to port">
        <input
          aria-label="Go to port"
          inputMode="numeric"
          placeholder="Go to port…"
          value={target}
          onChange={(e) => setTarget(e.target.value.replace(/\D/g, '').slice(0, 5))}
        />
      </form>
      <div className="map-zoom" role="group" aria-label="Zoom">
        <button
          type="button"
          className="icon-button"
          aria-label="Zoom out"
          onClick={() => onZoom(2)}
        >
          −
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label="Zoom in"
          onClick={() => onZoom(0.5)}
        >
          +
        </button>
        <button type="button" className="icon-button" disabled={whole} onClick={onReset}>
          All
        </button>
      </div>
    </div>
  )
}
