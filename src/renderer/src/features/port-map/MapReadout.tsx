import { MAP_COLORS, MAP_LABELS } from '../../../../shared/port-map'
import { DARK_LAYERS } from './draw-map'
import type { Readout } from './map-readout'

interface Props {
  id: string
  /** Shown while nothing is pointed at: how to use the map. */
  help: string
  readout?: Readout
  /** What the last drag did, e.g. "Reserve form set to TCP 20000–20019 (20 ports)." */
  note?: string
}

/** What is at the hovered (or keyboard-cursor) ports, lane by lane, then what the last drag did. */
export function MapReadout({ id, help, readout, note }: Props) {
  return (
    <div className="map-readout" id={id} role="status" aria-label="Map read-out">
      {readout && (
        <>
          <strong className="mono">{readout.title}</strong>
          {readout.lines.length === 0 && (
            <span className="muted"> — free: no socket, block or range here</span>
          )}
          {readout.lines.map((l) => (
            <span key={l.layer} className="readout-line">
              <span
                className={DARK_LAYERS.has(l.layer) ? 'map-swatch boosted' : 'map-swatch'}
                style={{ backgroundColor: MAP_COLORS[l.layer] }}
              />
              <span className="muted">{MAP_LABELS[l.layer]}:</span> {l.text}
            </span>
          ))}
        </>
      )}
      {note && <span className="map-note">{note}</span>}
      {!readout && <span className="muted map-help">{help}</span>}
    </div>
  )
}
