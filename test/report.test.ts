import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { diffReports, parseReport } from '../src/main/services/report'
import { reportToCsv } from '../src/main/services/report/csv'
import type { Report } from '../src/shared/report'
import type { RuntimeReservation } from '../src/shared/model'
import { BIN, startReserveHolder } from './support/cli-holder'

const dir = mkdtempSync(join(tmpdir(), 'portwarden-report-test-'))
const env = { ...process.env, PORTWARDEN_STATE_DIR: join(dir, 'state') }
const run = promisify(execFile)
const cli = (...args: string[]) =>
  run(process.execPath, [BIN, ...args], { env, maxBuffer: 64 << 20 })

let holder: Awaited<ReturnType<typeof startReserveHolder>>['child']
let held: RuntimeReservation
let report: Report

beforeAll(async () => {
  // The machine state the report must show: a runtime block held by another Portwarden.
  ;({ child: holder, held } = await startReserveHolder(['--protocol', 'udp', '--count', '4'], env))
  await cli('report', '--out', join(dir, 'r.json'), '--watch', String(held.startPort))
  report = parseReport(readFileSync(join(dir, 'r.json'), 'utf8'), 'r.json')
})
afterAll(() => {
  holder.kill('SIGINT')
  rmSync(dir, { recursive: true, force: true })
})

describe('the reservation report (CLI, real reserved ports)', () => {
  it('JSON validates against the schema and shows the block, its sockets and the conflict', () => {
    expect(report.runtime).toEqual([
      expect.objectContaining({ pid: holder.pid, reservations: [held] }),
    ])
    const bound = report.sockets.entries.filter(
      (s) => s.protocol === 'udp' && s.localPort === held.startPort,
    )
    expect(bound[0]!.owners[0]!.pid).toBe(holder.pid)
    expect(report.watched.find((v) => v.protocol === 'udp')).toMatchObject({ bindable: false })
    expect(report.conflicts).toContainEqual(
      expect.objectContaining({ kind: 'watched-port-blocked', port: held.startPort }),
    )
  })

  it('CSV parses back (RFC 4180) with the same facts, one row per item', async () => {
    const { stdout } = await cli('report', '--format', 'csv')
    const rows = parse(stdout, { columns: true }) as Record<string, string>[]
    expect(rows.filter((r) => r['section'] === 'runtime')).toEqual([
      expect.objectContaining({
        protocol: 'udp',
        start_port: String(held.startPort),
        token: held.token,
        pid: String(holder.pid),
      }),
    ])
    expect(rows.filter((r) => r['section'] === 'dynamic')).toHaveLength(report.dynamicRanges.length)
  })

  it('CSV quotes commas, quotes and newlines in names', () => {
    const tricky = structuredClone(report)
    tricky.sockets.entries = [
      { ...report.sockets.entries[0]!, owners: [{ pid: 1, name: 'a,"b"\nc' }] },
    ]
    const rows = parse(reportToCsv(tricky), { columns: true }) as Record<string, string>[]
    expect(rows.find((r) => r['section'] === 'socket')!['process']).toBe('a,"b"\nc')
  })

  it('diff shows the block released since the first report, and exits 1', async () => {
    const after = structuredClone(report)
    after.runtime = []
    const d = diffReports(report, after)
    expect(d.find((x) => x.section === 'runtime')!.removed).toEqual([
      `udp ${held.startPort}-${held.startPort + 3} token ${held.token} (cli)`,
    ])
    const same = await cli('diff', join(dir, 'r.json'), join(dir, 'r.json'))
    expect(same.stdout).toContain('No differences.')
  })

  it('diff refuses files that are not reports, with exit 2', async () => {
    const bad = await cli('diff', join(dir, 'r.json'), '/etc/hostname').catch((e) => e)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('is not JSON')
  })
})

describe.skipIf(process.getuid?.() !== 0)(
  'failed writes leave no partial file (private mount namespace)',
  () => {
    const attempt = (mountOptions: string) =>
      run(
        'unshare',
        [
          '--mount',
          'sh',
          '-c',
          `mkdir -p "$1" && mount -t tmpfs -o ${mountOptions} tmpfs "$1" && { "$2" "$3" report --watch 1-2000 --out "$1/r.json"; echo "exit=$?"; ls -A "$1"; }`,
          'sh',
          join(dir, 'mnt'),
          process.execPath,
          BIN,
        ],
        { env },
      )

    it('a full disk: clear reason, non-zero exit, nothing left behind', async () => {
      // --watch 1-2000 makes the report a few MB, far more than this 8 KiB file system holds.
      const { stdout, stderr } = await attempt('size=8k')
      expect(stdout.trim()).toBe('exit=1')
      expect(stderr).toContain('the disk is full')
    })

    it('a read-only folder: clear reason, non-zero exit, nothing left behind', async () => {
      const { stdout, stderr } = await attempt('ro')
      expect(stdout.trim()).toBe('exit=1')
      expect(stderr).toContain('read-only')
    })
  },
)
