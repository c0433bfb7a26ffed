import type { Protocol } from './model'
import { formatSpan, normalizeSpans } from './ranges'
import type { PortVerdict, VerdictReason } from './verdict'

/** One cause across a list or range of ports: said once, with the ports it applies to. */
export interface CauseSummary {
  protocol: Protocol
  code: VerdictReason['code']
  blocking: boolean
  /** The cause without a port, e.g. "postgres (pid 27664, user postgres)". */
  label: string
  /** The first port's full sentence, for a cause whose sentence names no port. */
  message: string
  /** The first port's fix (a holder's fix is the same on every port it holds). */
  fix?: string
  count: number
  /** "8000–8010, 9000". */
  ports: string
}

const keyOf = (r: VerdictReason) => r.cause?.key ?? `${r.code}:${r.message}`

/**
 * Groups the reasons of many verdicts by cause: "node (pid 4242): 5,000 ports" once, rather
 * than 5,000 times. Blocking causes first, then by how many ports they cover.
 */
export function summarizeCauses(
  verdicts: readonly PortVerdict[],
  options: { blockingOnly?: boolean } = {},
): CauseSummary[] {
  const groups = new Map<string, { summary: CauseSummary; ports: number[] }>()
  for (const v of verdicts) {
    for (const r of v.reasons) {
      if (options.blockingOnly && !r.blocking) continue
      const key = `${v.protocol} ${keyOf(r)}`
      let g = groups.get(key)
      if (!g) {
        g = {
          summary: {
            protocol: v.protocol,
            code: r.code,
            blocking: r.blocking,
            label: r.cause?.label ?? r.message,
            message: r.message,
            ...(r.fix === undefined ? {} : { fix: r.fix }),
            count: 0,
            ports: '',
          },
          ports: [],
        }
        groups.set(key, g)
      }
      g.summary.blocking ||= r.blocking
      g.ports.push(v.port)
    }
  }
  const out = [...groups.values()].map(({ summary, ports }) => ({
    ...summary,
    count: ports.length,
    ports: normalizeSpans(ports.map((p) => ({ startPort: p, count: 1 })))
      .map(formatSpan)
      .join(', '),
  }))
  return out.sort((a, b) => Number(b.blocking) - Number(a.blocking) || b.count - a.count)
}
