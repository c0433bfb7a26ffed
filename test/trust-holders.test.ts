import { describe, expect, it } from 'vitest'
import type { HolderRecord } from '../src/shared/holders'
import type { RuntimeReservation } from '../src/shared/model'
import type { PortVerdict } from '../src/shared/verdict'
import { canUseMountNamespace, runInPrivateMounts } from './support/private-mounts'

interface Run {
  code: number | null
  stdout: string
  stderr: string
  timedOut: boolean
}
interface Entry {
  name?: string
  kind?: string
  uid?: number
  mode?: number
}
interface ServicesRun {
  held: RuntimeReservation
  others: { pid: number; holder: string; uid?: number }[]
  bindable40000: boolean
  reasons40000: { code: string; pid?: number; fix?: string }[]
}
interface PlantedTmp {
  plant: Run
  list: Run
  check: Run
  reserve: { held?: RuntimeReservation; pid: number; exit: number | null; holderFile?: Entry }
  listWhileHeld: Run
  services: ServicesRun
  victim: Entry & { text: string }
  plantedBefore: Entry[]
  plantedAfter: Entry[]
}
interface OtherUser {
  theirs: { held?: RuntimeReservation; pid: number; exit: number | null }
  ours: { held?: RuntimeReservation; pid: number; exit: number | null }
  plant: Run
  link: Run
  list: Run
  check: Run
  nobodyList: Run
  services: ServicesRun
}

const json = <T>(r: Run): T => {
  expect(r.timedOut, `timed out; stderr: ${r.stderr}`).toBe(false)
  expect(r.stderr).not.toMatch(/TypeError|RangeError|ERR_FS|EISDIR|Unexpected token/)
  return JSON.parse(r.stdout) as T
}

describe.skipIf(!canUseMountNamespace)(
  'another local user plants holder files (runuser -u nobody, private mount namespace with its own /tmp and /run)',
  () => {
    it('root without XDG_RUNTIME_DIR: a squatted /tmp/portwarden-0 with pid 1, a symlink farm, a FIFO and a directory is neither followed, believed, hung on nor crashed on', async () => {
      const r = await runInPrivateMounts<PlantedTmp>('test/support/trust-scenario.ts', [
        'planted-tmp',
      ])
      expect(r.plant.code, r.plant.stderr).toBe(0) // the traps were laid
      expect(r.plantedBefore).toEqual([])

      // list: answers, and believes nothing nobody planted.
      expect(r.list.code).toBe(0)
      expect(json<HolderRecord[]>(r.list)).toEqual([])

      // check: answers, and never advises killing pid 1.
      const verdicts = json<PortVerdict[]>(r.check)
      expect(verdicts).toHaveLength(10)
      for (const v of verdicts) {
        expect(v.reasons.filter((x) => x.code === 'portwarden')).toEqual([])
        expect(v.reasons.map((x) => x.fix ?? '').join('\n')).not.toMatch(/kill(\s+-\w+)?\s+1\b/)
      }

      // reserve: holds its block, announces it in root's own directory, follows no link.
      expect(r.reserve.held).toMatchObject({ count: 3 })
      expect(r.reserve.exit).toBe(0)
      expect(r.reserve.holderFile).toEqual({ kind: 'file', uid: 0, mode: 0o600 })
      expect(json<HolderRecord[]>(r.listWhileHeld).map((h) => h.pid)).toEqual([r.reserve.pid])
      expect(r.victim).toEqual({ text: 'root secret\n', kind: 'file', uid: 0, mode: 0o600 })
      expect(r.plantedAfter).toEqual([]) // root wrote nothing into the squatted directory

      // The app's services: the same.
      expect(r.services.held).toMatchObject({ count: 2 })
      expect(r.services.others).toEqual([])
      expect(r.services.reasons40000.filter((x) => x.code === 'portwarden')).toEqual([])
    }, 180_000)

    it("root sees another user's running Portwarden as such, and none of the traps in that user's runtime directory", async () => {
      const r = await runInPrivateMounts<OtherUser>('test/support/trust-scenario.ts', [
        'other-user',
      ])
      expect(r.theirs.held, 'nobody could not reserve').toBeDefined()
      expect(r.ours.held).toBeDefined()
      expect(r.plant.code, r.plant.stderr).toBe(0)
      expect(r.link.code, r.link.stderr).toBe(0)

      const listed = json<HolderRecord[]>(r.list)
      expect(listed.map((h) => [h.pid, h.uid])).toEqual(
        [
          [r.ours.pid, 0],
          [r.theirs.pid, 65534],
        ].sort((a, b) => a[0]! - b[0]!),
      )
      expect(listed.find((h) => h.pid === r.theirs.pid)?.reservations).toEqual([r.theirs.held])

      // Their block is another Portwarden's, not "in use by node — kill it".
      const verdicts = json<PortVerdict[]>(r.check)
      expect(verdicts).toHaveLength(2)
      for (const v of verdicts) {
        expect(v.bindable).toBe(false)
        expect(v.reasons.map((x) => [x.code, x.pid])).toContainEqual(['portwarden', r.theirs.pid])
        expect(v.reasons.filter((x) => x.code === 'in-use')).toEqual([])
      }

      // nobody sees its own block only.
      expect(json<HolderRecord[]>(r.nobodyList).map((h) => h.pid)).toEqual([r.theirs.pid])
      expect(r.services.others.map((h) => [h.pid, h.uid])).toEqual(
        [
          [r.ours.pid, 0],
          [r.theirs.pid, 65534],
        ].sort((a, b) => a[0]! - b[0]!),
      )
      expect(r.theirs.exit).toBe(0)
      expect(r.ours.exit).toBe(0)
    }, 180_000)
  },
)
