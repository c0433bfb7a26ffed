import type { KeyboardEvent } from 'react'
import { centerOn, FULL_VIEW, PORT_COUNT, zoomAt, type MapView } from './map-view'
import type { PortSpanSel } from './use-map-pointer'

interface Options {
  view: MapView
  width: number
  cursor: number
  anchor: number | undefined
  setView(update: (v: MapView) => MapView): void
  setCursor(port: number, anchor: number | undefined): void
  /** Enter without a selection: show what is under the cursor. */
  onPick(port: number): void
  /** Enter with a Shift+arrow selection: use it as the block to reserve. */
  onChoose(span: PortSpanSel): void
  onClear(): void
}

/**
 * The map from the keyboard: arrows move a cursor (one pixel's worth of ports; Page keys a
 * tenth of the view) and the view follows it; Shift+arrows select a block from where Shift
 * began; + and − zoom at the cursor, 0 shows everything; Enter picks or chooses; Esc clears.
 */
export function mapKeyHandler(o: Options) {
  return (e: KeyboardEvent<HTMLElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return
    const step = Math.max(1, Math.round(o.view.span / Math.max(o.width, 1)))
    const moves: Record<string, number> = {
      ArrowLeft: -step,
      ArrowRight: step,
      PageUp: -Math.round(o.view.span / 10),
      PageDown: Math.round(o.view.span / 10),
    }
    if (e.key in moves) {
      const port = Math.min(PORT_COUNT - 1, Math.max(0, o.cursor + moves[e.key]!))
      o.setCursor(port, e.shiftKey ? (o.anchor ?? o.cursor) : undefined)
      // Keep the cursor in view: recentre when it walks off an edge.
      o.setView((v) => (port < v.start || port >= v.start + v.span ? centerOn(port, v.span) : v))
    } else if (e.key === '+' || e.key === '=') {
      o.setView((v) => zoomAt(v, 0.5, o.cursor + 0.5))
    } else if (e.key === '-' || e.key === '_') {
      o.setView((v) => zoomAt(v, 2, o.cursor + 0.5))
    } else if (e.key === '0') {
      o.setView(() => FULL_VIEW)
    } else if (e.key === 'Enter') {
      if (o.anchor !== undefined && o.anchor !== o.cursor) {
        o.onChoose({ from: Math.min(o.anchor, o.cursor), to: Math.max(o.anchor, o.cursor) })
      } else o.onPick(o.cursor)
    } else if (e.key === 'Escape') {
      o.onClear()
    } else return
    e.preventDefault()
  }
}
