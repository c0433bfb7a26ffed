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

/** Sorted, with overlapping and adjacent spans merged. */
export function normalizeSpans(spans: readonly PortSpan[]): PortSpan[] {
  const sorted = [...spans].filter((s) => s.count > 0).sort((a, b) => a.startPort - b.startPort)
  const out: PortSpan[] = []
  for (const s of sorted) {
    const last = out.at(-1)
    if (last && s.startPort <= endPort(last) + 1) {
      last.count = Math.max(endPort(last), endPort(s)) - last.startPort + 1
    } else {
      out.push({ startPort: s.startPort, count: s.count })
    }
  }
  return out
}

/** `spans` without the ports of `cut` (a span may split in two). */
export function subtractSpan(spans: readonly PortSpan[], cut: PortSpan): PortSpan[] {
  const out: PortSpan[] = []
  for (const s of normalizeSpans(spans)) {
    if (!spansOverlap(s, cut)) {
      out.push(s)
      continue
    }
    if (s.startPort < cut.startPort)
      out.push({ startPort: s.startPort, count: cut.startPort - s.startPort })
    if (endPort(s) > endPort(cut))
      out.push({ startPort: endPort(cut) + 1, count: endPort(s) - endPort(cut) })
  }
  return out
}

/** The kernel's list syntax for ip_local_reserved_ports: "8000-8010,9000". */
export const formatPortList = (spans: readonly PortSpan[]): string =>
  normalizeSpans(spans)
    .map((s) => (s.count === 1 ? String(s.startPort) : `${s.startPort}-${endPort(s)}`))
    .join(',')
