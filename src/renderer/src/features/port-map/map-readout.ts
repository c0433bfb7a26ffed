import type { Protocol } from '../../../../shared/model'
import { MAP_LABELS, type MapLayer } from '../../../../shared/port-map'
import { itemsIn, LANES, type MapModel } from './map-model'

export interface Readout {
  /** "TCP 40012", or "TCP 40000–40065 (66 ports)" when a pixel covers several. */
  title: string
  /** What is there, lane by lane; empty when the ports are free of everything the map shows. */
  lines: { layer: MapLayer; text: string }[]
}

const count = new Intl.NumberFormat()
/** Items named per lane before "+N more". */
const NAMED = 2

/** What the map knows about ports `from`–`to`, for the hover read-out. */
export function describePorts(
  model: MapModel,
  protocol: Protocol,
  from: number,
  to: number,
): Readout {
  const p = protocol.toUpperCase()
  const title =
    from === to ? `${p} ${from}` : `${p} ${from}–${to} (${count.format(to - from + 1)} ports)`
  const lines: Readout['lines'] = []
  for (const layer of LANES) {
    const hits = itemsIn(model[layer], from, to)
    if (hits.length === 0) continue
    const named = hits
      .slice(0, NAMED)
      .map((i) => (from === to || i.start !== i.end ? i.label : `${i.start} ${i.label}`))
    const more = hits.length > NAMED ? ` +${count.format(hits.length - NAMED)} more` : ''
    lines.push({ layer, text: `${named.join('; ')}${more}` })
  }
  return { title, lines }
}

/** The read-out as one line, for the canvas's accessible description. */
export function readoutText(r: Readout): string {
  return r.lines.length
    ? `${r.title}: ${r.lines.map((l) => `${MAP_LABELS[l.layer]} — ${l.text}`).join('. ')}`
    : `${r.title}: free`
}
