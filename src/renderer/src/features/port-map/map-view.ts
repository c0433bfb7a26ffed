/**
 * The map's viewport over the port space: which ports are in view, and the arithmetic between
 * ports and pixels. Views are values, never mutated, so React state can hold them.
 */

/** Ports 0–65535. */
export const PORT_COUNT = 65536
/** The closest zoom: this many ports across the whole width. */
export const MIN_SPAN = 24

export interface MapView {
  /** First port at the left edge (fractional while zooming smoothly). */
  start: number
  /** Ports across the width. */
  span: number
}

export const FULL_VIEW: MapView = { start: 0, span: PORT_COUNT }

export function clampView(v: MapView): MapView {
  const span = Math.min(PORT_COUNT, Math.max(MIN_SPAN, v.span))
  const start = Math.min(PORT_COUNT - span, Math.max(0, v.start))
  return { start, span }
}

/** Zooms by `factor` (< 1 zooms in) keeping `anchor` (a port) where it is on screen. */
export function zoomAt(v: MapView, factor: number, anchor: number): MapView {
  const span = Math.min(PORT_COUNT, Math.max(MIN_SPAN, v.span * factor))
  const ratio = (anchor - v.start) / v.span
  return clampView({ start: anchor - ratio * span, span })
}

export const panBy = (v: MapView, ports: number): MapView =>
  clampView({ start: v.start + ports, span: v.span })

/** A view of `span` ports with `port` in the middle. */
export const centerOn = (port: number, span: number): MapView =>
  clampView({ start: port + 0.5 - span / 2, span })

/** The port under pixel x (0 ≤ x < width). */
export const portAt = (v: MapView, x: number, width: number): number =>
  Math.min(PORT_COUNT - 1, Math.max(0, Math.floor(v.start + (x / width) * v.span)))

/** The ports one pixel column covers: one port when zoomed in, many when zoomed out. */
export function portsUnder(v: MapView, x: number, width: number): { from: number; to: number } {
  const from = portAt(v, Math.floor(x), width)
  const to = Math.max(from, portAt(v, Math.floor(x) + 1, width) - 1)
  return { from, to }
}

/** The pixel x where `port` begins. */
export const xOf = (v: MapView, port: number, width: number): number =>
  ((port - v.start) / v.span) * width

const STEPS = [1, 2, 5]

/** Axis labels: round port numbers about every 90 pixels. */
export function ticks(v: MapView, width: number): number[] {
  const raw = (v.span / width) * 90
  const mag = 10 ** Math.floor(Math.log10(raw))
  const step = (STEPS.find((s) => s * mag >= raw) ?? 10) * mag
  const out: number[] = []
  for (let p = Math.ceil(v.start / step) * step; p <= v.start + v.span; p += step) out.push(p)
  return out
}
