import { describe, expect, it } from 'vitest'
import { dynamicRanges, excludedRanges, type NetshRunner } from './netsh-ranges'

const EXCLUDED = `
Protocol tcp Port Exclusion Ranges

Start Port    End Port
----------    --------
      5357        5357
     50000       50059     *

* - Administered port exclusions.
`
const DYNAMIC =
  'Protocol tcp Dynamic Port Range\n----\nStart Port      : 49152\nNumber of Ports : 16384\n'

/** A netsh that answers from a function of its arguments, recording every call. */
function fakeNetsh(answer: (args: string) => string) {
  const calls: string[] = []
  const run: NetshRunner = (args) => {
    calls.push(args.join(' '))
    return { bytes: Buffer.from(answer(args.join(' '))), codePage: 437 }
  }
  return { run, calls }
}

describe('netsh range listings (netsh faked)', () => {
  it('lists each active excluded range once per protocol, with its netsh origin', () => {
    const { run, calls } = fakeNetsh((args) => (args.includes('protocol=tcp') ? EXCLUDED : ''))
    expect(excludedRanges(run)).toEqual([
      { protocols: ['tcp'], startPort: 5357, endPort: 5357, administered: false, origin: 'netsh interface ipv4 show excludedportrange protocol=tcp store=active' },
      { protocols: ['tcp'], startPort: 50000, endPort: 50059, administered: true, origin: 'netsh interface ipv4 show excludedportrange protocol=tcp store=active' },
    ]) // prettier-ignore
    // ipv4/ipv6 × tcp/udp, active store only
    expect(calls).toHaveLength(4)
  })

  it('turns each dynamic range into an inclusive start/end pair, once per protocol', () => {
    const { run } = fakeNetsh(() => DYNAMIC)
    expect(dynamicRanges(run).map((r) => [r.protocols, r.startPort, r.endPort])).toEqual([
      [['tcp'], 49152, 65535],
      [['udp'], 49152, 65535],
    ])
  })

  it('reports a netsh that cannot run, or prints nothing, as internal naming the listing', () => {
    const failing: NetshRunner = () => {
      throw new Error('spawn netsh.exe ENOENT')
    }
    expect(() => excludedRanges(failing)).toThrow(
      expect.objectContaining({
        kind: 'internal',
        message: 'Could not read the excluded port ranges from netsh.',
        detail: 'Error: spawn netsh.exe ENOENT',
      }),
    )
    const silent = fakeNetsh(() => '').run
    expect(excludedRanges(silent)).toEqual([])
    expect(() => dynamicRanges(silent)).toThrow(/dynamic port ranges from netsh/)
  })
})
