import { describe, expect, it } from 'vitest'
import type { BindProbeResult } from '../../../shared/bind-probe'
import type { SocketEntry } from '../../../shared/sockets'
import type { VerdictIntent } from '../../../shared/verdict'
import { planBinds } from './bind-plan'
import type { VerdictFacts } from './facts'
import { judgePort } from './judge'
import { SocketIndex } from './socket-index'

// Windows texts for the same model (point 6), with stand-in kernel answers: the real Winsock
// test bind runs in the Wine lane (src/main/platform/win32); here only the judge's wording of
// WSAEACCES and WSAEADDRINUSE is checked, so these are pure and say "stand-in".
const PORT = 50_123
const facts = (sockets: SocketEntry[], excluded = false): VerdictFacts => ({
  platform: 'win32',
  selfPid: 1,
  euid: undefined,
  asRoot: false,
  ours: [],
  otherHolders: [],
  index: new SocketIndex(sockets),
  ownersComplete: true,
  ownersPending: false,
  reserved: excluded
    ? [
        {
          protocols: ['tcp'],
          startPort: 50_100,
          endPort: 50_199,
          administered: false,
          origin: 'netsh',
        },
      ]
    : [],
  reservedBlocksBinds: true,
  dynamic: [],
  privileged: { below: 0, canBind: true },
  ipv6V6OnlyByDefault: true,
  timeWaitMs: new Map(),
  identities: new Map(),
})
const intent: VerdictIntent = { protocol: 'tcp', reuse: 'none' }
const refused = (code: string, errno: number): BindProbeResult => ({
  ok: false,
  code,
  errno,
  message: code,
})
const judge = (f: VerdictFacts, r: BindProbeResult) =>
  judgePort(f, {
    intent,
    binds: planBinds(intent, true),
    protocol: 'tcp',
    port: PORT,
    answers: { results: [r, r], tried: [] },
    variants: [],
  })

describe('Windows verdict texts (stand-in kernel answers)', () => {
  it('WSAEACCES inside a system exclusion: the exclusion, with the winnat steps, once', () => {
    const v = judge(facts([], true), refused('WSAEACCES', 10013))
    expect(v.bindable).toBe(false)
    const blocking = v.reasons.filter((r) => r.blocking)
    expect(blocking.map((r) => r.code)).toEqual(['excluded'])
    expect(blocking[0]!.fix).toContain('net stop winnat')
    expect(v.reasons.map((r) => r.code)).not.toContain('unexplained')
  })

  it('WSAEADDRINUSE with a holder: the process with taskkill; without one: HNS/WSL, plainly', () => {
    const holder: SocketEntry = {
      protocol: 'tcp',
      family: 'ipv4',
      state: 'LISTEN',
      localAddress: '0.0.0.0',
      localPort: PORT,
      remoteAddress: '0.0.0.0',
      remotePort: 0,
      inode: 0,
      uid: 0,
      owners: [{ pid: 4242, name: 'node.exe' }],
    }
    const held = judge(facts([holder]), refused('WSAEADDRINUSE', 10048))
    expect(held.reasons.filter((r) => r.blocking)).toMatchObject([
      { code: 'in-use', pid: 4242, fix: expect.stringContaining('taskkill /PID 4242') },
    ])
    const hidden = judge(facts([]), refused('WSAEADDRINUSE', 10048))
    expect(hidden.reasons.filter((r) => r.blocking)).toMatchObject([{ code: 'unexplained' }])
    expect(hidden.reasons[0]!.message).toContain('no socket Portwarden can see')
    expect(hidden.reasons[0]!.fix).toContain('wsl --shutdown')
  })

  it('WSAEACCES while the excluded ranges could not be read: unexplained, and it says an exclusion may be the reason', () => {
    const v = judge(
      { ...facts([]), rangesError: 'netsh printed no table.' },
      refused('WSAEACCES', 10013),
    )
    expect(v.bindable).toBe(false)
    const [blocking] = v.reasons.filter((r) => r.blocking)
    expect(blocking).toMatchObject({ code: 'unexplained' })
    expect(blocking!.message).toContain('could not be read (netsh printed no table.)')
    expect(judge(facts([]), refused('WSAEACCES', 10013)).reasons[0]!.message).not.toContain(
      'could not be read',
    )
  })
})
