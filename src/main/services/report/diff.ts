import { Report } from '../../../shared/report'
import { PortwardenError } from '../../../shared/errors'

export interface ReportDiff {
  section: string
  added: string[]
  removed: string[]
}

/** Each section's items as stable one-line descriptions, so two reports compare as sets. */
function lines(r: Report): Record<string, string[]> {
  return {
    runtime: r.runtime.flatMap((h) =>
      h.reservations.map(
        (t) =>
          `${t.protocol} ${t.startPort}-${t.startPort + t.count - 1} token ${t.token} (${h.holder})`,
      ),
    ),
    persistent: r.persistent.map(
      (p) => `${p.protocol} ${p.startPort}-${p.startPort + p.count - 1}`,
    ),
    reserved: r.reservedRanges.map(
      (x) =>
        `${x.protocols.join('+')} ${x.startPort}-${x.endPort} ${x.administered ? 'administered' : 'system'}`,
    ),
    dynamic: r.dynamicRanges.map((x) => `${x.protocols.join('+')} ${x.startPort}-${x.endPort}`),
    // Ephemeral ports and TIME_WAIT come and go: compare what listens or holds a port.
    sockets: r.sockets.entries
      .filter((s) => ['LISTEN', 'BOUND', 'UNCONN'].includes(s.state))
      .map(
        (s) =>
          `${s.protocol}${s.family === 'ipv6' ? '6' : ''} ${s.state} ${s.localAddress}:${s.localPort} ${s.owners.map((o) => o.name).join(',') || '?'}`,
      ),
    watched: r.watched.map(
      (v) =>
        `${v.protocol} ${v.port} ${
          v.bindable
            ? 'bindable'
            : 'blocked: ' +
              v.reasons
                .filter((x) => x.blocking)
                .map((x) => x.code)
                .join(',')
        }`,
    ),
  }
}

/** What was added and removed between two reports, per section ("what changed since it worked?"). */
export function diffReports(before: Report, after: Report): ReportDiff[] {
  const a = lines(before)
  const b = lines(after)
  return Object.keys(a).map((section) => {
    const old = new Set(a[section])
    const now = new Set(b[section])
    return {
      section,
      added: [...now].filter((x) => !old.has(x)).sort(),
      removed: [...old].filter((x) => !now.has(x)).sort(),
    }
  })
}

/** Parses a report file's text, with a clear error for anything that is not one. */
export function parseReport(text: string, name: string): Report {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (err) {
    throw new PortwardenError(
      'invalid-input',
      `${name} is not JSON: export the report with --format json.`,
      String(err),
    )
  }
  const r = Report.safeParse(json)
  if (!r.success) {
    const first = r.error.issues[0]
    throw new PortwardenError(
      'invalid-input',
      `${name} is not a Portwarden report (schema v1).`,
      first ? `${first.path.join('.')}: ${first.message}` : undefined,
    )
  }
  return r.data
}
