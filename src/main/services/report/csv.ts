import { stringify } from 'csv-stringify/sync'
import type { Report } from '../../../shared/report'

export const CSV_COLUMNS = [
  'section',
  'protocol',
  'start_port',
  'end_port',
  'state',
  'local_address',
  'remote_address',
  'remote_port',
  'pid',
  'process',
  'user',
  'token',
  'detail',
] as const
type Row = Partial<Record<(typeof CSV_COLUMNS)[number], string | number | boolean>>

/**
 * One row per range, reservation, socket, watched port and conflict; RFC 4180 quoting. Cells
 * that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR — a process may
 * be named `=HYPERLINK(…)`) get a leading quote (csv-stringify's escape_formulas).
 */
export function reportToCsv(r: Report): string {
  const rows: Row[] = [
    {
      section: 'host',
      detail: `${r.host.hostname} ${r.host.platform} ${r.host.osRelease} backend=${r.host.backend} privileged=${r.host.privileged} at ${r.generatedAt}`,
    },
    ...r.runtime.flatMap((h) =>
      h.reservations.map((t) => ({
        section: 'runtime',
        protocol: t.protocol,
        start_port: t.startPort,
        end_port: t.startPort + t.count - 1,
        pid: h.pid,
        process: `portwarden ${h.holder}`,
        token: t.token,
        detail: `acquired ${t.acquiredAt}`,
      })),
    ),
    ...r.persistent.map((p) => ({
      section: 'persistent',
      protocol: p.protocol,
      start_port: p.startPort,
      end_port: p.startPort + p.count - 1,
      token: p.token ?? '',
    })),
    ...r.reservedRanges.map((x) => ({
      section: 'reserved',
      protocol: x.protocols.join('+'),
      start_port: x.startPort,
      end_port: x.endPort,
      state: x.administered ? 'administered' : 'system',
      detail: x.origin,
    })),
    ...r.dynamicRanges.map((x) => ({
      section: 'dynamic',
      protocol: x.protocols.join('+'),
      start_port: x.startPort,
      end_port: x.endPort,
      detail: x.origin,
    })),
    ...r.sockets.entries.map((s) => ({
      section: 'socket',
      protocol: `${s.protocol}${s.family === 'ipv6' ? '6' : ''}`,
      start_port: s.localPort,
      end_port: s.localPort,
      state: s.state,
      local_address: s.localAddress,
      remote_address: s.remoteAddress,
      remote_port: s.remotePort,
      pid: s.owners.map((o) => o.pid).join(' '),
      process: s.owners.map((o) => o.name).join(' '),
      user: s.owners
        .map((o) => o.user ?? '')
        .join(' ')
        .trim(),
    })),
    ...r.watched.map((v) => ({
      section: 'watched',
      protocol: v.protocol,
      start_port: v.port,
      end_port: v.port,
      state: v.bindable ? 'bindable' : 'blocked',
      detail: v.reasons.map((x) => x.message).join(' | '),
    })),
    ...r.conflicts.map((c) => ({
      section: 'conflict',
      start_port: c.port ?? '',
      state: c.kind,
      detail: c.message,
    })),
  ]
  return stringify(rows, {
    header: true,
    columns: [...CSV_COLUMNS],
    record_delimiter: 'windows',
    escape_formulas: true,
  })
}
