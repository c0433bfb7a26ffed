import { useEffect, useId, useMemo, useRef, useState } from 'react'
import { prefillReserveForm, useReserveFormStore } from '../../stores/reserve-form-store'
import { useHoldersStore } from '../../stores/holders-store'
import { useInventoryStore } from '../../stores/inventory-store'
import { useRuntimeStore } from '../../stores/runtime-store'
import { drawMap, mapHeight, readTheme, type MapTheme } from './draw-map'
import { buildMapModel, LANE_PER_LAYER, ONE_LANE } from './map-model'
import { pickAt, pickUnder } from './map-pick'
import { describePorts } from './map-readout'
import { centerOn, FULL_VIEW, zoomAt, type MapView } from './map-view'
import { MapLanes } from './MapLanes'
import { MapReadout } from './MapReadout'
import { MapToolbar } from './MapToolbar'
import { useCanvasSize } from './use-canvas-size'
import { mapKeyHandler } from './use-map-keys'
import { useMapPointer, type PortSpanSel } from './use-map-pointer'
import './port-map.css'

const HELP =
  'Point at a port to see what holds it · wheel or + − to zoom, Shift+wheel or Shift+drag to pan · ' +
  'click a block to select its row · drag across free ports (or Shift+arrows, then Enter) to fill the Reserve form'

/**
 * Ports 0–65535 of the Reserve form's protocol, one lane per layer (dynamic range, reserved
 * and excluded ranges, runtime blocks, ports in use), on a canvas: 65,536 ports are too many
 * for DOM nodes. Hover reads out, click selects the row, drag fills the Reserve form.
 */
export function PortMap() {
  const protocol = useReserveFormStore((s) => s.values.protocol)
  const sockets = useInventoryStore((s) => s.sockets)
  const dynamic = useInventoryStore((s) => s.dynamicRanges)
  const reserved = useInventoryStore((s) => s.reservedRanges)
  const ours = useRuntimeStore((s) => s.reservations)
  const others = useHoldersStore((s) => s.others)
  const model = useMemo(
    () => buildMapModel({ protocol, dynamic, reserved, ours, others, sockets }),
    [protocol, dynamic, reserved, ours, others, sockets],
  )

  // One lane at first (everything on it, what is in use on top); a lane per layer on request.
  const [expanded, setExpanded] = useState(false)
  const lanes = expanded ? LANE_PER_LAYER : ONE_LANE
  const height = mapHeight(lanes.length)
  const [view, setView] = useState<MapView>(FULL_VIEW)
  const [hover, setHover] = useState<PortSpanSel>()
  const [cursor, setCursorState] = useState<{ port: number; anchor?: number }>()
  const [band, setBand] = useState<PortSpanSel>()
  const [note, setNote] = useState<string>()
  const wrapRef = useRef<HTMLDivElement>(null)
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const { width, scheme } = useCanvasSize(wrapRef)
  const readoutId = useId()
  const helpId = useId()

  const choose = (span: PortSpanSel) => {
    const from = Math.max(1, span.from)
    const count = span.to - from + 1
    if (count < 1) return
    setBand({ from, to: span.to })
    prefillReserveForm(from, count)
    setNote(`Reserve form set to ${protocol.toUpperCase()} ${from}–${span.to} (${count} ports).`)
  }
  const keyCursor = cursor && {
    from: Math.min(cursor.port, cursor.anchor ?? cursor.port),
    to: Math.max(cursor.port, cursor.anchor ?? cursor.port),
  }
  const shown = hover ?? (cursor && { from: cursor.port, to: cursor.port })

  // The page's colours, read again only when light/dark switches: getComputedStyle here
  // forces a style pass of the whole page, and a profile of 50 quick reservations had it as
  // the largest part of each push's work.
  const theme = useRef<{ scheme: string; colors: MapTheme }>(undefined)
  useEffect(() => {
    const canvas = canvasRef.current
    if (!canvas || width === 0) return
    // Drawn at the start of the next frame rather than now: a push's rows reach the DOM
    // first, several changes in one frame draw once, and the frame paints the map anyway.
    const frame = requestAnimationFrame(() => {
      const ctx = canvas.getContext('2d')
      if (!ctx) return
      const dpr = window.devicePixelRatio || 1
      const [w, h] = [Math.round(width * dpr), Math.round(height * dpr)]
      // Assigning a size reallocates the canvas even when it is the same: only on a change.
      if (canvas.width !== w) canvas.width = w
      if (canvas.height !== h) canvas.height = h
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
      if (theme.current?.scheme !== scheme) theme.current = { scheme, colors: readTheme(canvas) }
      const selection = keyCursor?.from !== keyCursor?.to ? keyCursor : band
      drawMap({
        ctx,
        width,
        view,
        model,
        lanes,
        theme: theme.current.colors,
        cursor: shown,
        selection,
      })
    })
    return () => cancelAnimationFrame(frame)
    // keyCursor and shown are derived from cursor and hover each render: those are the deps.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [model, view, width, hover, cursor, band, scheme, lanes, height])

  const pointer = useMapPointer({
    canvas: canvasRef,
    width,
    view,
    setView,
    onHover: setHover,
    onDrag: setBand,
    onChoose: choose,
    onPick: (span, lane) => pickAt(model, span, lane === undefined ? undefined : lanes[lane]),
  })
  const onKeyDown = mapKeyHandler({
    view,
    width,
    cursor: cursor?.port ?? Math.floor(view.start + view.span / 2),
    anchor: cursor?.anchor,
    setView,
    setCursor: (port, anchor) => setCursorState({ port, anchor }),
    onPick: (port) => pickUnder(model, port),
    onChoose: choose,
    onClear: () => {
      setCursorState(undefined)
      setBand(undefined)
    },
  })

  return (
    <section className="port-map" aria-labelledby="map-heading">
      <MapToolbar
        protocol={protocol}
        view={view}
        onZoom={(f) => setView((v) => zoomAt(v, f, v.start + v.span / 2))}
        onReset={() => setView(FULL_VIEW)}
        expanded={expanded}
        onExpand={() => setExpanded(!expanded)}
        onGoTo={(port) => {
          setView(centerOn(port, 48))
          setCursorState({ port })
        }}
      />
      <div className="map-body">
        <MapLanes lanes={lanes} faintRuntime={others.length > 0} />
        <div className="map-canvas-wrap" ref={wrapRef}>
          <canvas
            ref={canvasRef}
            role="application"
            aria-roledescription="port map"
            aria-label={`Port space map, ${protocol.toUpperCase()}`}
            aria-describedby={`${readoutId} ${helpId}`}
            aria-keyshortcuts="ArrowLeft ArrowRight Shift+ArrowLeft Shift+ArrowRight + - 0 Enter Escape"
            tabIndex={0}
            data-view-start={view.start}
            // The lanes drawn, top to bottom, each its layers joined by '+' (tests aim by them).
            data-lanes={lanes.map((l) => l.join('+')).join(' ')}
            data-view-span={view.span}
            style={{ width: width || '100%', height }}
            onKeyDown={onKeyDown}
            onBlur={() => setCursorState(undefined)}
            {...pointer}
          />
        </div>
      </div>
      <MapReadout
        id={readoutId}
        help={HELP}
        readout={shown && describePorts(model, protocol, shown.from, shown.to)}
        note={note}
      />
      {/* The help again, for the canvas's description: the read-out replaces it on hover. */}
      <p className="visually-hidden" id={helpId}>
        {HELP}
      </p>
    </section>
  )
}
