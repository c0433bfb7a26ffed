import type { MapLayer } from '../../../../shared/port-map'
import { revealRow, showTab } from '../../stores/ui-store'
import { itemsIn, type Lane, type MapItem, type MapModel } from './map-model'
import type { PortSpanSel } from './use-map-pointer'

/** Lanes tried, most specific first, when the keyboard picks without naming a lane. */
const PICK_ORDER: readonly MapLayer[] = [
  'runtime',
  'in-use',
  'reserved-admin',
  'reserved-system',
  'dynamic',
]

/** Goes to what an item stands for: its row (switching tab), or the dynamic range's tab. */
function open(item: MapItem | undefined): boolean {
  const target = item?.target
  if (!target) return false
  if ('tab' in target) showTab(target.tab)
  else revealRow(target.table, target.key)
  return true
}

/** The item nearest the middle of the span: a wide pixel may cover several ports in use. */
function nearest(items: MapItem[], span: PortSpanSel): MapItem | undefined {
  const mid = (span.from + span.to) / 2
  const distance = (i: MapItem) => (mid < i.start ? i.start - mid : mid > i.end ? mid - i.end : 0)
  return items.filter((i) => i.target).sort((a, b) => distance(a) - distance(b))[0]
}

/**
 * A click on a lane (undefined: between lanes or on the axis) over ports `span`: the most
 * specific of the lane's layers that has something there.
 */
export function pickAt(model: MapModel, span: PortSpanSel, lane: Lane | undefined): void {
  if (!lane) return
  for (const layer of PICK_ORDER) {
    if (!lane.includes(layer)) continue
    if (open(nearest(itemsIn(model[layer], span.from, span.to), span))) return
  }
}

/** Enter on the keyboard cursor: the most specific thing at that port. */
export function pickUnder(model: MapModel, port: number): void {
  for (const layer of PICK_ORDER) {
    if (open(nearest(itemsIn(model[layer], port, port), { from: port, to: port }))) return
  }
}
