import { MAP_COLORS, MAP_LABELS } from '../../../../shared/port-map'
import { DARK_LAYERS } from './draw-map'
import type { Lane } from './map-model'

/**
 * The lane names beside the canvas, each with its colour: the legend and the row labels in
 * one. Sized in port-map.css to line up with LANE_HEIGHT and LANE_GAP in draw-map.ts.
 */
export function MapLanes({
  lanes,
  faintRuntime,
}: {
  lanes: readonly Lane[]
  faintRuntime: boolean
}) {
  // One lane: the legend beside it lists every layer it paints, in a row.
  const items = lanes.length === 1 ? lanes[0]! : lanes.map((l) => l[0]!)
  return (
    <ul className={lanes.length === 1 ? 'map-lanes is-one-lane' : 'map-lanes'} aria-label="Legend">
      {items.map((layer) => (
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
