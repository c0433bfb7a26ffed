import { hostname, release, version } from 'node:os'
import { PortwardenError } from '../../../shared/errors'
import type { HolderRecord } from '../../../shared/holders'
import type { PortVerdict } from '../../../shared/verdict'
import { REPORT_SCHEMA_VERSION, Report, type Conflict } from '../../../shared/report'
import { spansOverlap } from '../../../shared/ranges'
import type { AppServices } from '../app-services'

export interface BuildReportOptions {
  /** Ports the user watches: a port spec ("3000,5432") per protocol, judged into `watched`. */
  watched?: { protocol: 'tcp' | 'udp'; ports: string }[]
  generator?: string
}

const span = (r: { startPort: number; endPort: number }) => ({
  startPort: r.startPort,
  count: r.endPort - r.startPort + 1,
})

/** What deserves a second look: blocked watched ports, reservations inside the dynamic range. */
function findConflicts(report: Omit<Report, 'conflicts'>): Conflict[] {
  const conflicts: Conflict[] = []
  for (const v of report.watched) {
    if (!v.bindable) {
      const why = v.reasons.find((r) => r.blocking)?.message ?? ''
      conflicts.push({
        kind: 'watched-port-blocked',
        port: v.port,
        message: `Watched ${v.protocol.toUpperCase()} port ${v.port} cannot be bound: ${why}`,
      })
    }
  }
  for (const d of report.dynamicRanges) {
    for (const r of report.reservedRanges) {
      if (spansOverlap(span(d), span(r))) {
        conflicts.push({
          kind: 'reserved-in-dynamic',
          message: `Reserved range ${r.startPort}–${r.endPort} lies inside the dynamic range ${d.startPort}–${d.endPort}.`,
        })
      }
    }
    for (const h of report.runtime) {
      for (const t of h.reservations) {
        if (spansOverlap(span(d), { startPort: t.startPort, count: t.count })) {
          conflicts.push({
            kind: 'runtime-in-dynamic',
            port: t.startPort,
            message: `Runtime reservation ${t.token} (pid ${h.pid}) lies inside the dynamic range.`,
          })
        }
      }
    }
  }
  return conflicts
}

/** Gathers the machine's reservation state into one report, validated by the shared schema. */
export function buildReport(services: AppServices, options: BuildReportOptions = {}): Report {
  const info = services.appInfo()
  const snapshot = services.inventory.snapshot()
  // Ranges the OS would not list are unknown: a report must not present them as "none".
  const { rangesError } = snapshot.status
  if (rangesError) {
    throw new PortwardenError(
      'internal',
      'Portwarden could not read the reserved or dynamic port ranges, so it cannot write the report.',
      rangesError,
    )
  }
  const others = services.otherHolders()
  const held = services.runtime.list()
  const mine: HolderRecord[] = held.length
    ? [{ pid: process.pid, holder: 'app', startedAt: new Date().toISOString(), reservations: held }]
    : []
  const watched: PortVerdict[] = (options.watched ?? []).flatMap((w) => services.verdicts.check(w))
  const body = {
    schema: 'portwarden-report' as const,
    schemaVersion: REPORT_SCHEMA_VERSION,
    generatedAt: new Date().toISOString(),
    generator: options.generator ?? `Portwarden ${info.appVersion}`,
    host: {
      hostname: hostname(),
      platform: info.platform,
      osRelease: release(),
      osVersion: version(),
      backend: info.backend,
      privileged: info.privileged,
    },
    runtime: [...mine, ...others].sort((a, b) => a.pid - b.pid),
    persistent: services.backend.persistentReservations?.() ?? [],
    reservedRanges: snapshot.reservedRanges,
    dynamicRanges: snapshot.dynamicRanges,
    sockets: {
      source: snapshot.status.source,
      ownersComplete: snapshot.status.ownersComplete,
      entries: snapshot.sockets,
    },
    watched,
  }
  return Report.parse({ ...body, conflicts: findConflicts(body) })
}
