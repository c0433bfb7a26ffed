import { describe, expect, it } from 'vitest'
import { canUseNetns, runInPrivateNetns } from './support/netns'
import { readIpv4Sysctl } from '../src/main/platform/linux/sysctl'

interface Report {
  code: number
  calls: string[][]
  app: {
    euid: number
    info: unknown
    before: string
    added: { ranges: unknown[]; elevated: boolean }
    afterAdd: string
    removed: { ranges: unknown[]; elevated: boolean }
    afterRemove: string
    hostile: { code: number; stderr: string }
    wide: unknown
    afterWide: string
    asked: string[]
  }
}

describe.skipIf(!canUseNetns)(
  'the app adds a reserved range without ever running as root (private network namespace; a root parent stands in for pkexec)',
  () => {
    it('the unprivileged app asks, the helper runs as root with exactly the built command line, the kernel list changes', async () => {
      const host = readIpv4Sysctl('ip_local_reserved_ports')
      const r = await runInPrivateNetns<Report>('test/support/elevated-parent.ts', [])
      expect(r.code).toBe(0)
      const app = r.app
      expect(app.euid).toBe(65534) // the app never had root
      expect(app.info).toEqual({ method: 'pkexec' })
      expect(app.before).toBe('')
      expect(app.added).toMatchObject({ ranges: [{ startPort: 47000, count: 11 }], elevated: true })
      expect(app.afterAdd).toBe('47000-47010')
      expect(app.removed).toMatchObject({ ranges: [], elevated: true })
      expect(app.afterRemove).toBe('')
      expect(r.calls.slice(0, 2)).toEqual([
        ['helper', 'reserved', 'add', '47000-47010', '--json'],
        ['helper', 'reserved', 'remove', '47000-47010', '--json'],
      ])
      // The helper refuses what its parser refuses, as root, before changing anything.
      expect(app.hostile.code).toBe(2)
      expect(JSON.parse(app.hostile.stderr)).toMatchObject({ kind: 'invalid-input' })
      // Both overlap the dynamic range: main asked (here: yes) each time, and only then elevated.
      expect(app.asked).toEqual(['Reserve ports 47000–47010?', 'Reserve ports 1–65535?'])
      expect(app.wide).toMatchObject({ ranges: [{ startPort: 1, count: 65535 }] })
      expect(app.afterWide).toBe('1-65535')
      expect(r.calls).toHaveLength(4)
      expect(readIpv4Sysctl('ip_local_reserved_ports')).toBe(host) // the host's list untouched
    }, 120_000)
  },
)
