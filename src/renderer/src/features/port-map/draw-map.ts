import { MAP_COLORS } from '../../../../shared/port-map'
import { itemsIn, type Lane, type MapModel } from './map-model'
import { ticks, xOf, type MapView } from './map-view'

/** Lane geometry in CSS pixels; the lane labels beside the canvas use the same numbers. */
export const LANE_HEIGHT = 16
export const LANE_GAP = 4
export const AXIS_HEIGHT = 18
export const mapHeight = (lanes: number): number => lanes * (LANE_HEIGHT + LANE_GAP) + AXIS_HEIGHT

/** The page's colours, read from its CSS variables, so the map follows light and dark. */
export interface MapTheme {
  track: string
  grid: string
  text: string
  accent: string
  /** Brightness for the dark MAP_COLORS (in use) on a dark page, where they would vanish. */
  boost: string
}

/** Relative luminance of a #rrggbb colour, 0–1 (roughly: no gamma, enough to spot dark ones). */
const luminance = (hex: string) => {
  const n = parseInt(hex.slice(1), 16)
  return (0.2126 * (n >> 16) + 0.7152 * ((n >> 8) & 255) + 0.0722 * (n & 255)) / 255
}
/** Layers drawn in a colour too dark for a dark page: boosted there (and their swatches). */
export const DARK_LAYERS = new Set(
  (Object.keys(MAP_COLORS) as (keyof typeof MAP_COLORS)[]).filter(
    (l) => luminance(MAP_COLORS[l]) < 0.4,
  ),
)

export function readTheme(el: Element): MapTheme {
  const css = getComputedStyle(el)
  const v = (name: string) => css.getPropertyValue(name).trim()
  return {
    track: v('--subtle'),
    grid: v('--border'),
    text: v('--muted'),
    accent: v('--accent'),
    boost: v('--map-boost') || '1',
  }
}

/**
 * The lane at y, or undefined between lanes (the caller drops indexes past its last lane, which
 * is the axis).
 */
export function laneAt(y: number): number | undefined {
  const i = Math.floor(y / (LANE_HEIGHT + LANE_GAP))
  return i >= 0 && y - i * (LANE_HEIGHT + LANE_GAP) < LANE_HEIGHT ? i : undefined
}

export interface DrawInput {
  ctx: CanvasRenderingContext2D
  width: number
  view: MapView
  model: MapModel
  /** The lanes, top to bottom. */
  lanes: readonly Lane[]
  theme: MapTheme
  /** Ports under the pointer or the keyboard cursor. */
  cursor?: { from: number; to: number }
  /** A drag in progress, or the block last chosen by dragging. */
  selection?: { from: number; to: number }
}

/** Paints one lane: its layers in order, each layer's items; a pixel already painted by the
 * same layer is skipped. */
function drawLane(d: DrawInput, layers: Lane, top: number): void {
  d.ctx.fillStyle = d.theme.track
  d.ctx.fillRect(0, top, d.width, LANE_HEIGHT)
  for (const layer of layers) drawLayer(d, layer, top)
}

function drawLayer(d: DrawInput, layer: Lane[number], top: number): void {
  const { ctx, width, view } = d
  ctx.fillStyle = MAP_COLORS[layer]
  ctx.filter = DARK_LAYERS.has(layer) ? `brightness(${d.theme.boost})` : 'none'
  let painted = -1
  for (const item of itemsIn(d.model[layer], Math.floor(view.start), view.start + view.span)) {
    const x0 = Math.max(0, xOf(view, item.start, width))
    const x1 = Math.min(width, xOf(view, item.end + 1, width))
    if (x1 - x0 < 1 && Math.floor(x0) === painted) continue
    ctx.globalAlpha = item.faint ? 0.45 : 1
    ctx.fillRect(Math.floor(x0), top, Math.max(1, Math.round(x1 - x0)), LANE_HEIGHT)
    painted = Math.floor(x0)
  }
  ctx.globalAlpha = 1
  ctx.filter = 'none'
}

/** Port boundaries, once ports are wide enough to tell apart. */
function drawPortGrid(d: DrawInput, bottom: number): void {
  const { ctx, width, view } = d
  if (width / view.span < 6) return
  ctx.fillStyle = d.theme.grid
  for (let p = Math.ceil(view.start); p <= view.start + view.span; p++) {
    ctx.fillRect(Math.round(xOf(view, p, width)), 0, 1, bottom)
  }
}

function drawAxis(d: DrawInput, top: number): void {
  const { ctx, width, view } = d
  ctx.fillStyle = d.theme.text
  ctx.font = '11px system-ui, sans-serif'
  ctx.textBaseline = 'top'
  for (const port of ticks(view, width)) {
    const x = xOf(view, port, width)
    ctx.fillRect(Math.round(x), top, 1, 4)
    const label = String(port)
    const w = ctx.measureText(label).width
    ctx.fillText(label, Math.min(Math.max(0, x - w / 2), width - w), top + 5)
  }
}

/** A translucent band over every lane, outlined. */
function drawBand(d: DrawInput, span: { from: number; to: number }, bottom: number, fill: number) {
  const { ctx, width, view } = d
  const x0 = xOf(view, span.from, width)
  const w = Math.max(1, xOf(view, span.to + 1, width) - x0)
  ctx.globalAlpha = fill
  ctx.fillStyle = d.theme.accent
  ctx.fillRect(x0, 0, w, bottom)
  ctx.globalAlpha = 1
  ctx.strokeStyle = d.theme.accent
  ctx.strokeRect(Math.round(x0) + 0.5, 0.5, Math.max(1, Math.round(w) - 1), bottom - 1)
}

/** Paints the whole map in CSS pixels (the caller has scaled the context for the DPR). */
export function drawMap(d: DrawInput): void {
  const bottom = d.lanes.length * (LANE_HEIGHT + LANE_GAP) - LANE_GAP
  d.ctx.clearRect(0, 0, d.width, mapHeight(d.lanes.length))
  d.lanes.forEach((layers, i) => drawLane(d, layers, i * (LANE_HEIGHT + LANE_GAP)))
  drawPortGrid(d, bottom)
  drawAxis(d, bottom + 2)
  if (d.selection) drawBand(d, d.selection, bottom, 0.18)
  if (d.cursor) drawBand(d, d.cursor, bottom, 0.3)
}
