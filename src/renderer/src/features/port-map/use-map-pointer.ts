import { useEffect, useRef, type PointerEvent, type RefObject } from 'react'
import { laneAt } from './draw-map'
import { panBy, portAt, portsUnder, zoomAt, type MapView } from './map-view'

/** A drag shorter than this is a click. */
const DRAG_PX = 4

export type PortSpanSel = { from: number; to: number }

interface Options {
  canvas: RefObject<HTMLCanvasElement | null>
  width: number
  view: MapView
  setView(update: (v: MapView) => MapView): void
  /** Ports under the pointer, or undefined when it left. */
  onHover(span: PortSpanSel | undefined): void
  /** A click: the ports under it and the lane (index into LANES) it hit, if any. */
  onPick(span: PortSpanSel, lane: number | undefined): void
  /** A drag in progress (to draw) and, on release, the block it chose. */
  onDrag(span: PortSpanSel | undefined): void
  onChoose(span: PortSpanSel): void
}

interface Drag {
  mode: 'select' | 'pan'
  x0: number
  port0: number
  view0: MapView
  moved: boolean
}

/**
 * Pointer and wheel on the map: hover reads out, click picks, drag selects a block, Shift+drag
 * (or the middle button) pans, wheel zooms at the pointer and Shift+wheel pans.
 */
export function useMapPointer(o: Options) {
  const drag = useRef<Drag | undefined>(undefined)
  const opts = useRef(o)
  useEffect(() => {
    opts.current = o
  })

  const local = (e: { clientX: number; clientY: number }) => {
    const rect = opts.current.canvas.current!.getBoundingClientRect()
    return { x: e.clientX - rect.left, y: e.clientY - rect.top }
  }

  // React's wheel listener is passive, so it could not stop the page from scrolling.
  useEffect(() => {
    const el = o.canvas.current
    if (!el) return
    const onWheel = (e: WheelEvent) => {
      e.preventDefault()
      const { width, view, setView } = opts.current
      const { x } = local(e)
      if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
        const delta = e.shiftKey ? e.deltaY || e.deltaX : e.deltaX
        setView((v) => panBy(v, (delta / width) * v.span))
      } else {
        const anchor = view.start + (x / width) * view.span
        setView((v) => zoomAt(v, Math.exp(e.deltaY * 0.0015), anchor))
      }
    }
    el.addEventListener('wheel', onWheel, { passive: false })
    return () => el.removeEventListener('wheel', onWheel)
  }, [o.canvas])

  return {
    onPointerDown(e: PointerEvent<HTMLCanvasElement>) {
      if (e.button !== 0 && e.button !== 1) return
      const { x } = local(e)
      const { view, width } = opts.current
      e.currentTarget.setPointerCapture(e.pointerId)
      const mode = e.button === 1 || e.shiftKey ? 'pan' : 'select'
      drag.current = { mode, x0: x, port0: portAt(view, x, width), view0: view, moved: false }
    },
    onPointerMove(e: PointerEvent<HTMLCanvasElement>) {
      const { x } = local(e)
      const { view, width } = opts.current
      const d = drag.current
      if (!d) {
        opts.current.onHover(portsUnder(view, Math.min(Math.max(x, 0), width - 1), width))
        return
      }
      if (!d.moved && Math.abs(x - d.x0) < DRAG_PX) return
      d.moved = true
      if (d.mode === 'pan') {
        opts.current.setView(() => panBy(d.view0, -((x - d.x0) / width) * d.view0.span))
      } else {
        const p = portAt(view, Math.min(Math.max(x, 0), width - 1), width)
        opts.current.onDrag({ from: Math.min(d.port0, p), to: Math.max(d.port0, p) })
        opts.current.onHover(portsUnder(view, Math.min(Math.max(x, 0), width - 1), width))
      }
    },
    onPointerUp(e: PointerEvent<HTMLCanvasElement>) {
      const d = drag.current
      drag.current = undefined
      if (!d) return
      const { x, y } = local(e)
      const { view, width } = opts.current
      if (!d.moved) {
        opts.current.onPick(portsUnder(view, x, width), laneAt(y))
      } else if (d.mode === 'select') {
        const p = portAt(view, Math.min(Math.max(x, 0), width - 1), width)
        opts.current.onChoose({ from: Math.min(d.port0, p), to: Math.max(d.port0, p) })
      }
    },
    onPointerLeave() {
      if (!drag.current) opts.current.onHover(undefined)
    },
  }
}
