/** Layers of the 0–65535 port-space picture, shared by the app's map and the HTML report. */
export type MapLayer = 'dynamic' | 'reserved-admin' | 'reserved-system' | 'runtime' | 'in-use'

export interface MapSegment {
  layer: MapLayer
  startPort: number
  endPort: number
  label: string
}

export const MAP_COLORS: Record<MapLayer, string> = {
  dynamic: '#9db7e8',
  'reserved-admin': '#e0a03c',
  'reserved-system': '#c0504d',
  runtime: '#3a9a5b',
  'in-use': '#555a66',
}

export const MAP_LABELS: Record<MapLayer, string> = {
  dynamic: 'dynamic range',
  'reserved-admin': 'reserved (administered)',
  'reserved-system': 'excluded (system)',
  runtime: 'runtime reservation',
  'in-use': 'port in use',
}
