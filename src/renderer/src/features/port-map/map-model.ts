import type { HolderRecord } from '../../../../shared/holders'
import type { DynamicPortRange, ReservedRange } from '../../../../shared/inventory'
import { socketKey } from '../../../../shared/socket-key'
import type { Protocol, RuntimeReservation } from '../../../../shared/model'
import type { MapLayer } from '../../../../shared/port-map'
import { endPort, formatSpan } from '../../../../shared/ranges'
import type { SocketEntry } from '../../../../shared/sockets'
import type { SelectableTable } from '../../stores/ui-store'
import { rangeKey } from '../inventory/range-key'
import { ownersLabel, stateLabel } from '../inventory/socket-format'

/**
 * Exclusions the system takes (Hyper-V, WinNAT, WSL, Docker) exist only on Windows: elsewhere
 * that lane would always be empty, so it is not drawn. The page runs in the OS it reports on.
 */
const onWindows = typeof navigator !== 'undefined' && /Windows/.test(navigator.userAgent)

/** The map's lanes, top to bottom: one per layer that can apply here, as in the report's map. */
export const LANES: readonly MapLayer[] = [
  'dynamic',
  'reserved-admin',
  ...(onWindows ? (['reserved-system'] as const) : []),
  'runtime',
  'in-use',
]

/** A lane of the map: the layers painted on it, later ones over earlier ones. */
export type Lane = readonly MapLayer[]
/** The map at first: every layer on one lane (what is in use painted over the ranges). */
export const ONE_LANE: readonly Lane[] = [LANES]
/** Expanded: a lane per layer. */
export const LANE_PER_LAYER: readonly Lane[] = LANES.map((l) => [l])

/** What clicking an item shows: a row in a table, or (the dynamic range) a tab. */
export type MapTarget = { table: SelectableTable; key: string } | { tab: 'dynamic' }

/** Something on the map: a port range on one lane, with what the read-out says about it. */
export interface MapItem {
  start: number
  end: number
  label: string
  target?: MapTarget
  /** Drawn fainter: another Portwarden's block, which this one cannot release. */
  faint?: boolean
}

export type MapModel = Record<MapLayer, MapItem[]>

export interface MapInputs {
  protocol: Protocol
  dynamic: readonly DynamicPortRange[]
  reserved: readonly ReservedRange[]
  ours: readonly RuntimeReservation[]
  others: readonly HolderRecord[]
  sockets: readonly SocketEntry[]
}

/** States in which a socket keeps its local port from others: listening, bound, UDP. */
const HOLDS_PORT = new Set(['LISTEN', 'BOUND', 'UNCONN'])

/**
 * inUseItems, once per socket array and protocol: a runtime push redraws the map without going
 * over every socket again (the inventory store hands out a new array only when one changed).
 */
const inUseCache = new WeakMap<readonly SocketEntry[], Partial<Record<Protocol, MapItem[]>>>()
function inUseLane(protocol: Protocol, sockets: readonly SocketEntry[]): MapItem[] {
  let byProtocol = inUseCache.get(sockets)
  if (!byProtocol) inUseCache.set(sockets, (byProtocol = {}))
  return (byProtocol[protocol] ??= inUseItems(protocol, sockets))
}

/** One item per port in use, naming every process on it; sorted, one per port. */
function inUseItems(protocol: Protocol, sockets: readonly SocketEntry[]): MapItem[] {
  const byPort = new Map<number, SocketEntry[]>()
  for (const s of sockets) {
    if (s.protocol !== protocol || !HOLDS_PORT.has(s.state) || s.localPort === 0) continue
    const list = byPort.get(s.localPort)
    if (list) list.push(s)
    else byPort.set(s.localPort, [s])
  }
  return [...byPort]
    .sort((a, b) => a[0] - b[0])
    .map(([port, list]) => {
      const owners = [...new Set(list.map((s) => ownersLabel(s) || `uid ${s.uid}`))].join(', ')
      const states = [...new Set(list.map((s) => stateLabel(s.state)))].join(', ')
      return {
        start: port,
        end: port,
        label: `in use by ${owners} — ${states}`,
        target: { table: 'socket', key: socketKey(list[0]!) },
      }
    })
}

const byStart = (a: MapItem, b: MapItem) => a.start - b.start

/** Everything the map draws for one protocol, per lane, each lane sorted by start. */
export function buildMapModel(m: MapInputs): MapModel {
  const reserved = m.reserved.filter((r) => r.protocols.includes(m.protocol))
  const reservedItem = (r: ReservedRange): MapItem => ({
    start: r.startPort,
    end: r.endPort,
    label: `${r.administered ? 'reserved' : 'excluded'} ${formatSpan({ startPort: r.startPort, count: r.endPort - r.startPort + 1 })} (${r.origin})`,
    target: { table: 'reserved', key: rangeKey(r) },
  })
  const runtime: MapItem[] = [
    ...m.ours
      .filter((r) => r.protocol === m.protocol)
      .map((r) => ({
        start: r.startPort,
        end: endPort(r),
        label: `this Portwarden’s block ${formatSpan(r)}, token ${r.token}`,
        target: { table: 'runtime', key: r.token } as const,
      })),
    ...m.others.flatMap((h) =>
      h.reservations
        .filter((r) => r.protocol === m.protocol)
        .map((r) => ({
          start: r.startPort,
          end: endPort(r),
          label: `another Portwarden’s block ${formatSpan(r)} (${h.holder}, pid ${h.pid}), token ${r.token}`,
          faint: true,
        })),
    ),
  ]
  return {
    dynamic: m.dynamic
      .filter((d) => d.protocols.includes(m.protocol))
      .map((d) => ({
        start: d.startPort,
        end: d.endPort,
        label: `dynamic range ${d.startPort}–${d.endPort} (${d.origin})`,
        target: { tab: 'dynamic' as const },
      })),
    'reserved-admin': reserved
      .filter((r) => r.administered)
      .map(reservedItem)
      .sort(byStart),
    'reserved-system': reserved
      .filter((r) => !r.administered)
      .map(reservedItem)
      .sort(byStart),
    runtime: runtime.sort(byStart),
    'in-use': inUseLane(m.protocol, m.sockets),
  }
}

/**
 * The items of a lane that touch ports `from`–`to`. Lanes are sorted by start; the long one
 * (ports in use, one item per port, no overlaps) is searched by bisection.
 */
export function itemsIn(items: readonly MapItem[], from: number, to: number): MapItem[] {
  if (items.length < 64) return items.filter((i) => i.end >= from && i.start <= to)
  let lo = 0
  let hi = items.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (items[mid]!.end < from) lo = mid + 1
    else hi = mid
  }
  const out: MapItem[] = []
  for (let i = lo; i < items.length && items[i]!.start <= to; i++) out.push(items[i]!)
  return out
}
