/** Range arithmetic and formatting shared by main, renderer and CLI. */

export interface PortSpan {
  startPort: number
  count: number
}

export const endPort = (s: PortSpan): number => s.startPort + s.count - 1

export const formatSpan = (s: PortSpan): string =>
  s.count === 1 ? String(s.startPort) : `${s.startPort}–${endPort(s)}`

export const spansOverlap = (a: PortSpan, b: PortSpan): boolean =>
  a.startPort <= endPort(b) && b.startPort <= endPort(a)

export const spanContains = (s: PortSpan, port: number): boolean =>
  port >= s.startPort && port <= endPort(s)

/** Every port of a span, in order. */
export function portsOf(s: PortSpan): number[] {
  return Array.from({ length: s.count }, (_, i) => s.startPort + i)
}
