import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { canUseNetns, runInPrivateNetns } from '../../../../test/support/netns'
import { readIpv4Sysctl } from './sysctl'

type Span = { startPort: number; count: number }
type Outcome = {
  ok: boolean
  kind?: string
  message?: string
  list: Span[]
  persisted?: Span[]
  file: string | null
}
const dir = mkdtempSync(join(tmpdir(), 'portwarden-sysctl-'))
const persistFile = join(dir, 'sysctl.d', '60-portwarden-reserved-ports.conf')
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const ops = (list: object[], asNobody = false) =>
  runInPrivateNetns<Outcome[]>(
    'test/support/reserved-ports-ops.ts',
    [JSON.stringify(list), persistFile],
    {
      asNobody,
    },
  )

describe.skipIf(!canUseNetns)(
  'ip_local_reserved_ports, changed inside a private network namespace',
  () => {
    const hostBefore = readIpv4Sysctl('ip_local_reserved_ports')

    it('adds and removes ranges, keeping every other range', async () => {
      rmSync(persistFile, { force: true })
      const r = await ops([
        { op: 'add', startPort: 9000, count: 1 },
        { op: 'add', startPort: 8000, count: 11 },
        { op: 'remove', startPort: 8005, count: 1 },
        { op: 'add', startPort: 8011, count: 2 },
      ])
      expect(r.map((o) => o.ok)).toEqual([true, true, true, true])
      expect(r[2]!.list).toEqual([
        { startPort: 8000, count: 5 },
        { startPort: 8006, count: 5 },
        { startPort: 9000, count: 1 },
      ])
      // adjacent ranges merge
      expect(r[3]!.list).toEqual([
        { startPort: 8000, count: 5 },
        { startPort: 8006, count: 7 },
        { startPort: 9000, count: 1 },
      ])
      expect(r.map((o) => o.file)).toEqual([null, null, null, null])
      expect(readIpv4Sysctl('ip_local_reserved_ports')).toBe(hostBefore)
    })

    it("--persist edits Portwarden's own set only: other tools' ranges stay out of its file; an empty set deletes it", async () => {
      rmSync(persistFile, { force: true })
      const r = await ops([
        { op: 'raw', value: '5000,6000-6009' }, // another tool's live ranges
        { op: 'add', startPort: 8000, count: 11, persist: true },
        { op: 'add', startPort: 9000, count: 1, persist: true },
        { op: 'remove', startPort: 9000, count: 1 }, // live only: it comes back at boot
        { op: 'remove', startPort: 9000, count: 1, persist: true }, // gone at boot too
        { op: 'remove', startPort: 8000, count: 11, persist: true },
      ])
      expect(r.map((o) => o.ok)).toEqual([true, true, true, true, true, true])
      expect(r[1]!.list).toEqual([
        { startPort: 5000, count: 1 },
        { startPort: 6000, count: 10 },
        { startPort: 8000, count: 11 },
      ])
      expect(r[1]!.file).toBe(
        '# Written by Portwarden: ports kept away from automatic assignment.\n' +
          'net.ipv4.ip_local_reserved_ports = 8000-8010\n',
      )
      expect(r[2]!.persisted).toEqual([
        { startPort: 8000, count: 11 },
        { startPort: 9000, count: 1 },
      ])
      expect(r[3]!.list.some((s) => s.startPort === 9000)).toBe(false)
      expect(r[3]!.persisted).toContainEqual({ startPort: 9000, count: 1 })
      expect(r[4]!.persisted).toEqual([{ startPort: 8000, count: 11 }])
      expect(r[5]!.file).toBeNull() // an empty set leaves no file (not an empty value)
      expect(r[5]!.list).toEqual([
        { startPort: 5000, count: 1 },
        { startPort: 6000, count: 10 },
      ])
    })

    it('fsyncs the new file before renaming it into place, and the directory after (strace)', async () => {
      rmSync(persistFile, { force: true })
      const { stdout, stderr } = await promisify(execFile)('unshare', [
        '--net',
        'strace',
        '-f',
        '-qq',
        '-e',
        'trace=fsync,rename,renameat,renameat2,openat,unlink,unlinkat',
        process.execPath,
        '--import',
        'tsx',
        'test/support/reserved-ports-ops.ts',
        JSON.stringify([
          { op: 'add', startPort: 8000, count: 2, persist: true },
          { op: 'remove', startPort: 8000, count: 2, persist: true },
        ]),
        persistFile,
      ])
      expect((JSON.parse(stdout) as Outcome[]).map((o) => o.ok)).toEqual([true, true])
      // Which fd each path got, then the order of the calls that matter.
      const fds = new Map<string, string>()
      const events: string[] = []
      const dirOf = dirname(persistFile)
      for (const line of stderr.split('\n')) {
        const open = /openat\(AT_FDCWD, "([^"]+)", [^)]*\) = (\d+)/.exec(line)
        if (open) fds.set(open[2]!, open[1]!)
        const sync = /fsync\((\d+)\)/.exec(line)
        if (sync) {
          const path = fds.get(sync[1]!) ?? ''
          if (path === dirOf) events.push('fsync dir')
          else if (path.startsWith(join(dirOf, '.'))) events.push('fsync temp')
        }
        if (/rename(at2?)?\(.*60-portwarden-reserved-ports\.conf/.test(line)) events.push('rename')
        if (/unlink(at)?\(.*"[^"]*60-portwarden-reserved-ports\.conf"/.test(line))
          events.push('unlink')
      }
      expect(events).toEqual(['fsync temp', 'rename', 'fsync dir', 'unlink', 'fsync dir'])
    })

    it('removing a range nobody reserved is not-found and changes nothing', async () => {
      const [, miss] = await ops([
        { op: 'add', startPort: 7000, count: 2 },
        { op: 'remove', startPort: 7100, count: 5 },
      ])
      expect(miss).toMatchObject({
        ok: false,
        kind: 'not-found',
        list: [{ startPort: 7000, count: 2 }],
      })
    })

    it('without root: a clear "needs root" error and nothing changed, file included', async () => {
      rmSync(persistFile, { force: true })
      const results = await ops(
        [
          { op: 'add', startPort: 6000, count: 1 }, // the kernel refuses the write
          { op: 'add', startPort: 6000, count: 1, persist: true }, // the file is out of reach first
        ],
        true,
      )
      for (const r of results) {
        expect(r).toMatchObject({ ok: false, kind: 'permission-denied', list: [] })
        expect(r.message).toContain('needs root')
      }
      expect(existsSync(persistFile)).toBe(false)
    })
  },
)
