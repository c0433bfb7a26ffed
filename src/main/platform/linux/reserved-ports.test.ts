import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { canUseNetns, runInPrivateNetns } from '../../../../test/support/netns'
import { readIpv4Sysctl } from './sysctl'

type Outcome = {
  ok: boolean
  kind?: string
  message?: string
  list: { startPort: number; count: number }[]
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

    it('adds and removes ranges, keeping every other range, and persists atomically on request', async () => {
      const r = await ops([
        { op: 'add', startPort: 9000, count: 1 },
        { op: 'add', startPort: 8000, count: 11 },
        { op: 'remove', startPort: 8005, count: 1, persist: true },
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
      expect(readFileSync(persistFile, 'utf8')).toContain(
        'net.ipv4.ip_local_reserved_ports = 8000-8004,8006-8010,9000',
      )
      expect(readIpv4Sysctl('ip_local_reserved_ports')).toBe(hostBefore)
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
