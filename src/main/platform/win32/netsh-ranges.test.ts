import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  dynamicRanges,
  excludedRanges,
  netshExe,
  netshExeAsync,
  netshPath,
  readRanges,
  type AsyncNetshRunner,
  type NetshRunner,
} from './netsh-ranges'

const EXCLUDED = `
Protocol tcp Port Exclusion Ranges

Start Port    End Port
----------    --------
      5357        5357
     50000       50059     *

* - Administered port exclusions.
`
const EMPTY_TABLE = `
Protocol udp Port Exclusion Ranges

Start Port    End Port
----------    --------

* - Administered port exclusions.
`
const DYNAMIC =
  'Protocol tcp Dynamic Port Range\n----\nStart Port      : 49152\nNumber of Ports : 16384\n'
/** What netsh prints (and exits 0 with, in some versions) when a context is missing. */
const NETSH_ERROR = 'The following command was not found: interface ipv4 show excludedportrange.\n'

/** A netsh that answers from a function of its arguments, recording every call. */
function fakeNetsh(answer: (args: string) => string) {
  const calls: string[] = []
  const run: NetshRunner = (args) => {
    calls.push(args.join(' '))
    return { bytes: Buffer.from(answer(args.join(' '))), codePage: 437 }
  }
  const runAsync: AsyncNetshRunner = async (args) => run(args)
  return { run, runAsync, calls }
}
const byProtocol = (args: string) => (args.includes('protocol=tcp') ? EXCLUDED : EMPTY_TABLE)

describe('netsh range listings (netsh faked)', () => {
  it('lists each active excluded range once per protocol, with its netsh origin (no store=)', () => {
    const { run, calls } = fakeNetsh(byProtocol)
    expect(excludedRanges(run)).toEqual([
      { protocols: ['tcp'], startPort: 5357, endPort: 5357, administered: false, origin: 'netsh interface ipv4 show excludedportrange protocol=tcp' },
      { protocols: ['tcp'], startPort: 50000, endPort: 50059, administered: true, origin: 'netsh interface ipv4 show excludedportrange protocol=tcp' },
    ]) // prettier-ignore
    expect(calls).toHaveLength(4) // ipv4/ipv6 × tcp/udp, default (active) store
    expect(calls.some((c) => c.includes('store='))).toBe(false)
  })

  it('turns each dynamic range into an inclusive start/end pair, once per protocol', () => {
    const { run } = fakeNetsh(() => DYNAMIC)
    expect(dynamicRanges(run).map((r) => [r.protocols, r.startPort, r.endPort])).toEqual([
      [['tcp'], 49152, 65535],
      [['udp'], 49152, 65535],
    ])
  })

  it('never reads a netsh error message, or no output at all, as "no ranges"', () => {
    for (const text of [NETSH_ERROR, '']) {
      const { run } = fakeNetsh(() => text)
      expect(() => excludedRanges(run)).toThrow(
        expect.objectContaining({
          kind: 'internal',
          message: expect.stringMatching(
            /^netsh did not list the excluded port ranges \(it printed /,
          ),
        }),
      )
    }
    expect(() => excludedRanges(fakeNetsh(() => NETSH_ERROR).run)).toThrow(/command was not found/)
    expect(() => dynamicRanges(fakeNetsh(() => '').run)).toThrow(/dynamic port ranges from netsh/)
  })

  it('reports a netsh that cannot run as internal, naming the listing', () => {
    const failing: NetshRunner = () => {
      throw new Error('spawn C:\\Windows\\System32\\netsh.exe ENOENT')
    }
    expect(() => excludedRanges(failing)).toThrow(
      expect.objectContaining({
        kind: 'internal',
        message: 'Could not read the excluded port ranges from netsh.',
        detail: 'Error: spawn C:\\Windows\\System32\\netsh.exe ENOENT',
      }),
    )
  })

  it('keeps the good rows and surfaces every unreadable line as a warning', async () => {
    const broken = EXCLUDED.replace('     50000       50059     *', '     50000       5005x')
    const { runAsync } = fakeNetsh((a) =>
      a.includes('ipv4') && a.includes('protocol=tcp')
        ? broken
        : a.includes('dynamicport')
          ? DYNAMIC
          : EMPTY_TABLE,
    )
    const reading = await readRanges(runAsync)
    expect(reading.excluded.map((r) => r.startPort)).toEqual([5357])
    expect(reading.warnings).toEqual([
      expect.stringMatching(
        /^netsh interface ipv4 show excludedportrange protocol=tcp, line 7: Not a row of two port numbers: ".*5005x"$/,
      ),
    ])
    expect(reading.dynamic).toHaveLength(2)
  })
})

describe('running netsh', () => {
  it('starts netsh.exe from the system directory, never by bare name', () => {
    expect(netshPath('C:\\Windows\\system32')).toBe('C:\\Windows\\system32\\netsh.exe')
  })

  it('runs the absolute path asynchronously and blocking alike, ignoring a planted netsh.exe in the cwd', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-netsh-'))
    const real = join(dir, 'system32-netsh')
    writeFileSync(real, `#!/bin/sh\necho "args: $*"\n`)
    chmodSync(real, 0o755)
    const planted = join(dir, 'netsh.exe')
    writeFileSync(planted, '#!/bin/sh\necho planted\n')
    chmodSync(planted, 0o755)
    const cwd = process.cwd()
    process.chdir(dir)
    try {
      const out = await netshExeAsync(
        () => real,
        () => 65001,
      )(['interface', 'ipv4'])
      expect(Buffer.from(out.bytes).toString()).toBe('args: interface ipv4\n')
      expect(out.codePage).toBe(65001)
      expect(
        Buffer.from(
          netshExe(
            () => real,
            () => 437,
          )(['x']).bytes,
        ).toString(),
      ).toBe('args: x\n')
    } finally {
      process.chdir(cwd)
    }
  })

  it('keeps what a failing netsh printed (its error text goes to stdout) in the error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-netsh-'))
    const failing = join(dir, 'netsh')
    writeFileSync(
      failing,
      '#!/bin/sh\necho "The requested operation requires elevation."\nexit 1\n',
    )
    chmodSync(failing, 0o755)
    await expect(
      netshExeAsync(
        () => failing,
        () => 437,
      )(['a']),
    ).rejects.toThrow(
      /netsh a failed: [\s\S]*it printed "The requested operation requires elevation\."/,
    )
    expect(() =>
      netshExe(
        () => failing,
        () => 437,
      )(['a']),
    ).toThrow(/requires elevation/)
  })
})
