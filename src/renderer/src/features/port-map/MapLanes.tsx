import { MAP_COLORS, MAP_LABELS } from '../../../../shared/port-map'
import { DARK_LAYERS } from './draw-map'
import { LANES } from './map-model'

/**
 * The lane names beside the canvas, each with its colour: the legend and the row labels in
 * one. Sized in port-map.css to line up with LANE_HEIGHT and LANE_GAP in draw-map.ts.
 */
export function MapLanes({ faintRuntime }: { faintRuntime: boolean }) {
  return (
    <ul className="map-lanes" aria-label="Legend">
      {LANES.map((layer) => (
        <li key={layer}>
          <span
            className={DARK_LAYERS.has(layer) ? 'map-swatch boosted' : 'map-swatch'}
            style={{ backgroundColor: MAP_COLORS[layer] }}
          />
          {MAP_LABELS[layer]}
          {layer === 'runtime' && faintRuntime && (
            <span className="muted" title="Other Portwardens’ blocks are drawn fainter">
              {' '}
              (faint: others)
            </span>
          )}
        </li>
      ))}
    </ul>
  )
}
