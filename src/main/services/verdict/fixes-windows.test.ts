import { describe, expect, it } from 'vitest'
import type { HolderRecord } from '../../../shared/holders'
import type { DynamicPortRange, ReservedRange } from '../../../shared/inventory'
import type { RuntimeReservation } from '../../../shared/model'
import { labelOwnRanges } from '../../platform/win32/own-ranges'
import {
  classifyExclusions,
  explainExclusion,
  explainUnexplainedRefusal,
  windowsFixes,
} from './fixes-windows'

const range = (startPort: number, endPort: number, administered = false): ReservedRange => ({
  protocols: ['tcp'],
  startPort,
  endPort,
  administered,
  origin: 'netsh interface ipv4 show excludedportrange protocol=tcp',
})
const ours: RuntimeReservation = {
  token: '18446744073709551614',
  protocol: 'tcp',
  startPort: 41000,
  count: 10,
  acquiredAt: '2026-11-28T12:00:00.000Z',
}
const other: HolderRecord = {
  pid: 5120,
  holder: 'cli',
  startedAt: '2026-11-28T11:00:00.000Z',
  reservations: [{ ...ours, token: '77', startPort: 42000, count: 5 }],
}

describe('which excluded ranges are Portwarden blocks (issue 14, point 4)', () => {
  it('labels our and other Portwardens’ runtime blocks, guests, administered and system ranges', () => {
    const labelled = classifyExclusions(
      [
        range(41000, 41009),
        range(42000, 42004),
        range(60000, 64095),
        range(50000, 50059, true),
        range(5357, 5357),
      ],
      {
        ours: [ours],
        others: [other],
        guest: [
          {
            protocols: ['tcp', 'udp'],
            startPort: 60000,
            endPort: 64095,
            owningPartition: 'g-1',
            targetPartition: 'g-2',
            reservationType: 1,
            sharingFlags: 0,
          },
        ],
      },
    )
    expect(labelled.map((l) => l.owner)).toEqual([
      { kind: 'ours', token: ours.token },
      { kind: 'portwarden', token: '77', pid: 5120, holder: 'cli' },
      { kind: 'guest', partition: 'g-1' },
      { kind: 'administered' },
      { kind: 'system' },
    ])
  })

  it('never takes a UDP block for a TCP exclusion, nor a range wider than the block', () => {
    const udp = { ...ours, protocol: 'udp' as const }
    expect(
      classifyExclusions([range(41000, 41009)], { ours: [udp], others: [] })[0]?.owner,
    ).toEqual({ kind: 'system' })
    expect(
      classifyExclusions([range(40990, 41009)], { ours: [ours], others: [] })[0]?.owner,
    ).toEqual({ kind: 'system' })
  })

  it('the backend names its own blocks in the range origin, so Ranges shows them as ours', () => {
    const [mine, winnat] = labelOwnRanges([range(41000, 41009), range(5357, 5357)], [ours])
    expect(mine?.origin).toMatch(
      /^Portwarden \(this process\): runtime reservation 18446744073709551614 — netsh/,
    )
    expect(winnat?.origin).toBe('netsh interface ipv4 show excludedportrange protocol=tcp')
  })
})

describe('Windows explanations follow the test bind (issue 14, points 3 and 5)', () => {
  const explain = (r: ReservedRange, kind: 'ours' | 'administered' | 'system', ok: boolean) =>
    explainExclusion(
      'tcp',
      r.startPort,
      { range: r, owner: kind === 'ours' ? { kind, token: '9' } : { kind } },
      ok ? { ok: true } : { ok: false, code: 'WSAEACCES', errno: 10013, message: 'forbidden' },
    )

  it('an administered exclusion the bind gets through is not blocking and offers no delete', () => {
    const e = explain(range(50000, 50059, true), 'administered', true)
    expect(e.blocking).toBe(false)
    expect(e.message).toMatch(/explicit bind still works \(KB 3039044\).*SO_REUSEADDR is refused/)
    expect(e.fix).toBeUndefined()
  })

  it('an administered exclusion that refused the bind says so and offers the delete', () => {
    const e = explain(range(50000, 50059, true), 'administered', false)
    expect(e.blocking).toBe(true)
    expect(e.fix).toMatch(
      /^netsh int ipv4 delete excludedportrange protocol=tcp startport=50000 numberofports=60/,
    )
  })

  it('a system exclusion: WSAEACCES, another port first, winnat last with its costs', () => {
    const e = explain(range(3000, 3099), 'system', false)
    expect(e.message).toMatch(/WSAEACCES, 10013/)
    const lines = e.fix?.split('\n') ?? []
    expect(lines[0]).toMatch(/use a port outside the excluded range 3000–3099/)
    expect(e.fix).toMatch(
      /elevated prompt; fails while the port is in use; restarting winnat drops/,
    )
    expect(e.fix).toMatch(/microsoft\/WSL#9418/)
    expect(lines.slice(-3)).toEqual([
      'net stop winnat',
      'netsh int ipv4 add excludedportrange protocol=tcp startport=3000 numberofports=1 store=persistent',
      'net start winnat',
    ])
  })

  it('our own block is ours, never WinNAT with a winnat fix', () => {
    const e = explain(range(41000, 41009), 'ours', false)
    expect(e.message).toMatch(/this Portwarden's own runtime reservation 9/)
    expect(e.fix).not.toMatch(/winnat/)
  })

  it('WSAEADDRINUSE with no visible holder points at WSL mirrored mode / HNS and unlisted sockets', () => {
    const r = explainUnexplainedRefusal('tcp', 8080, {
      ok: false,
      code: 'WSAEADDRINUSE',
      errno: 10048,
      message: '',
    })
    expect(r.message).toMatch(/WSL mirrored-networking or other Host Network Service reservation/)
    expect(r.fix).toMatch(/wsl --shutdown/)
  })
})

describe('Windows fix texts', () => {
  const dyn = (startPort: number, endPort: number): DynamicPortRange[] => [
    { protocols: ['tcp'], startPort, endPort, origin: 'netsh' },
  ]

  it('moves the dynamic range only when the port is in a non-default range below 49152', () => {
    expect(windowsFixes.dynamic('tcp', 3000, dyn(1025, 65535))).toMatch(
      /^netsh int ipv4 set dynamicport tcp start=49152 num=16384/,
    )
    // Already the default range: moving it changes nothing, protect the port instead.
    expect(windowsFixes.dynamic('tcp', 50000, dyn(49152, 65535))).toBe(
      windowsFixes.protectPort('tcp', 50000),
    )
    expect(windowsFixes.dynamic('tcp', 50000, dyn(49152, 65535))).toMatch(/store=persistent/)
    // Outside the dynamic range: nothing to move.
    expect(windowsFixes.dynamic('tcp', 8080, dyn(49152, 65535))).toMatch(
      /startport=8080 numberofports=1 store=persistent/,
    )
  })

  it('pid 4 points to HTTP.sys / SMB and never to taskkill; pid 0 is TIME_WAIT', () => {
    expect(windowsFixes.inUse(4, 80, 'tcp')).toMatch(/^netsh http show servicestate/)
    expect(windowsFixes.inUse(4, 80, 'tcp')).not.toMatch(/taskkill/)
    expect(windowsFixes.inUse(4, 445, 'tcp')).toMatch(/SMB/)
    expect(windowsFixes.inUse(0, 80, 'tcp')).toMatch(/TIME_WAIT/)
    expect(windowsFixes.inUse(1234, 80, 'tcp')).toMatch(/^taskkill \/PID 1234/)
  })
})
