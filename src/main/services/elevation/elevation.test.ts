import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { parseCommandArgs } from '../../../cli/args'
import { parseHelperArgs } from '../../../cli/commands/helper'
import { commands } from '../../../cli/commands/registry'
import { ElevationRequest, terminalCommand } from '../../../shared/elevation'
import { PortwardenError } from '../../../shared/errors'
import { INSTALLED_LINUX_HELPER } from '../../elevation-program'
import { Elevation, helperArgs, pkexecCommand, recordingRunner, uacCommandLine } from '.'
import { noElevation } from './runner'

const helperSpec = commands.find((c) => c.name === 'helper')!
/** What the helper makes of a command line: its own parser, as the CLI runs it. */
const helperParses = (args: string[]) =>
  parseHelperArgs(parseCommandArgs(helperSpec, args.slice(1)))
const kindOf = (f: () => unknown) => {
  try {
    f()
  } catch (e) {
    return e instanceof PortwardenError ? e.kind : `thrown: ${String(e)}`
  }
  return 'ok'
}
const BOOT = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()

describe('the elevated helper command line', () => {
  it('is built from validated values only', () => {
    expect(
      helperArgs({ action: 'reserved-add', startPort: 8000, count: 11, persist: true }),
    ).toEqual(['helper', 'reserved', 'add', '8000-8010', '--persist', '--json'])
    expect(
      helperArgs({ action: 'reserved-remove', startPort: 9000, count: 1, protocol: 'udp' }),
    ).toEqual(['helper', 'reserved', 'remove', '9000', '--protocol', 'udp', '--json'])
    expect(
      helperArgs({ action: 'kill', pid: 4242, identity: `${BOOT}:1234`, force: true }),
    ).toEqual(['helper', 'kill', '4242', '--identity', `${BOOT}:1234`, '--force', '--json'])
    const hostile: unknown[] = [
      { action: 'reserved-add', startPort: '8000 --persist', count: 1 },
      { action: 'reserved-add', startPort: 8000, count: 1, persist: 'yes' },
      { action: 'reserved-add', startPort: 65535, count: 2 },
      { action: 'reserved-add', startPort: 0, count: 1 },
      { action: 'reserved-add', startPort: 8000, count: 1, extra: ['--evil'] },
      { action: 'reserved-add', startPort: 8000.5, count: 1 },
      { action: 'kill', pid: 1, identity: `${BOOT}:1` },
      { action: 'kill', pid: 42, identity: 'x; reboot' },
      { action: 'kill', pid: 42, identity: '--persist' },
      { action: 'sysctl', name: 'kernel.modprobe' },
      { action: 'reserved-add', __proto__: { startPort: 1 } },
    ]
    for (const h of hostile) {
      expect(() => helperArgs(h as ElevationRequest), JSON.stringify(h)).toThrow()
    }
  })

  it('round-trips through the helper’s own parser, and whatever its parser refuses the builder never makes (fast-check)', () => {
    const request = fc.oneof(
      fc.record({
        action: fc.constantFrom('reserved-add' as const, 'reserved-remove' as const),
        startPort: fc.integer({ min: -5, max: 70000 }),
        count: fc.integer({ min: -1, max: 70000 }),
        persist: fc.boolean(),
        protocol: fc.option(fc.constantFrom('tcp' as const, 'udp' as const), { nil: undefined }),
      }),
      fc.record({
        action: fc.constant('kill' as const),
        pid: fc.integer({ min: -1, max: 2 ** 31 }),
        identity: fc.oneof(
          fc.nat().map((n) => `${BOOT}:${n}`),
          fc.string({ maxLength: 60 }),
        ),
        force: fc.boolean(),
      }),
    )
    fc.assert(
      fc.property(request, (r) => {
        const cleaned = JSON.parse(JSON.stringify(r)) as ElevationRequest
        let args: string[]
        try {
          args = helperArgs(cleaned)
        } catch {
          return // refused before anything runs
        }
        for (const word of args) expect(word).toMatch(/^[a-z0-9:-]+$/)
        const parsed = helperParses(args)
        expect(parsed).toEqual(ElevationRequest.parse(cleaned))
        expect(helperArgs(parsed)).toEqual(args)
      }),
      { numRuns: 500 },
    )
  })

  it('the helper refuses command lines its parser does not allow, before doing anything', () => {
    for (const args of [
      ['helper', 'reserved', 'add', '8000-8010;id'],
      ['helper', 'reserved', 'add', '8010-8000'],
      ['helper', 'reserved', 'add', '0'],
      ['helper', 'reserved', 'add', '65535-65536'],
      ['helper', 'reserved', 'flush', '8000'],
      ['helper', 'reserved', 'add', '8000', '--identity', `${BOOT}:1`],
      ['helper', 'kill', '1', '--identity', `${BOOT}:1`],
      ['helper', 'kill', '42'],
      ['helper', 'kill', '42', '--identity', 'abc def'],
      ['helper', 'kill', '-9', '--identity', `${BOOT}:1`],
      ['helper', 'kill', '42', '--identity', `${BOOT}:1`, '--persist'],
      ['helper', 'sysctl', 'kernel.modprobe=/tmp/x'],
      ['helper', 'reserved', 'add', '8000', '--sysctl', 'x'],
    ]) {
      expect(
        kindOf(() => helperParses(args)),
        args.join(' '),
      ).toBe('invalid-input')
    }
  })

  it('pkexec: the absolute helper program, then the arguments; no internal agent', () => {
    const args = helperArgs({ action: 'reserved-add', startPort: 8000, count: 11 })
    expect(pkexecCommand('/usr/bin/pkexec', [INSTALLED_LINUX_HELPER], args)).toEqual([
      '/usr/bin/pkexec',
      '--disable-internal-agent',
      '/usr/lib/portwarden/portwarden-helper',
      'helper',
      'reserved',
      'add',
      '8000-8010',
      '--json',
    ])
    expect(() => pkexecCommand('/usr/bin/pkexec', ['portwarden-helper'], args)).toThrow(/absolute/)
  })

  it('UAC: a cmd.exe command line of plain words, the program quoted; anything else refused', () => {
    const args = helperArgs({ action: 'reserved-add', startPort: 8000, count: 11, protocol: 'tcp' })
    expect(
      uacCommandLine(
        [
          'C:\\Program Files\\Portwarden\\node.exe',
          'C:\\Program Files\\Portwarden\\cli\\portwarden.mjs',
        ],
        args,
      ),
    ).toBe(
      '"C:\\Program Files\\Portwarden\\node.exe" "C:\\Program Files\\Portwarden\\cli\\portwarden.mjs" helper reserved add 8000-8010 --protocol tcp --json',
    )
    expect(() => uacCommandLine(['C:\\a"b.exe'], args)).toThrow()
    expect(() => uacCommandLine(['C:\\node.exe'], ['helper', 'x&calc'])).toThrow(/plain word/)
  })
})

describe('Elevation (a fake runner records each call; stand-in for pkexec/UAC)', () => {
  const ok = (value: unknown) => ({ code: 0, stdout: JSON.stringify(value), stderr: '' })

  it('runs the helper once per request and returns what it answered', async () => {
    const runner = recordingRunner(() =>
      ok({ ranges: [{ startPort: 8000, count: 11 }], elevated: false }),
    )
    const result = await new Elevation(runner, 'linux').elevate({
      action: 'reserved-add',
      startPort: 8000,
      count: 11,
    })
    expect(result).toEqual({ ranges: [{ startPort: 8000, count: 11 }], elevated: true })
    expect(runner.calls).toEqual([['helper', 'reserved', 'add', '8000-8010', '--json']])
  })

  it('without elevation, or with no one to ask, says the exact command to run in a terminal', async () => {
    const request = { action: 'reserved-add' as const, startPort: 8000, count: 11, persist: true }
    const none = new Elevation(noElevation('pkexec (polkit) is not installed'), 'linux')
    expect(none.info()).toEqual({ method: 'none', reason: 'pkexec (polkit) is not installed' })
    await expect(none.elevate(request)).rejects.toMatchObject({
      kind: 'permission-denied',
      message: expect.stringContaining(
        'Run this in a terminal instead: sudo npx portwarden reserved add 8000-8010 --persist --yes',
      ),
      detail: 'sudo npx portwarden reserved add 8000-8010 --persist --yes',
    })
    const noAgent = recordingRunner(() => ({
      code: 127,
      stdout: '',
      stderr: 'Error executing command as another user: No authentication agent found.',
      noAgent: true,
    }))
    await expect(new Elevation(noAgent, 'linux').elevate(request)).rejects.toMatchObject({
      detail: terminalCommand(request, 'linux'),
    })
    const dismissed = recordingRunner(() => ({ code: 126, stdout: '', stderr: '', refused: true }))
    await expect(new Elevation(dismissed, 'linux').elevate(request)).rejects.toMatchObject({
      kind: 'permission-denied',
      message: expect.stringContaining('dismissed or refused'),
    })
  })

  it("passes the helper's own error through, and refuses a request before running anything", async () => {
    const runner = recordingRunner(() => ({
      code: 1,
      stdout: '',
      stderr: JSON.stringify({ kind: 'not-found', message: 'No reserved range covers 9000.' }),
    }))
    const elevation = new Elevation(runner, 'linux')
    await expect(
      elevation.elevate({ action: 'reserved-remove', startPort: 9000, count: 1 }),
    ).rejects.toMatchObject({ kind: 'not-found', message: 'No reserved range covers 9000.' })
    await expect(
      elevation.elevate({ action: 'reserved-add', startPort: 65000, count: 1000 }),
    ).rejects.toMatchObject({ kind: 'invalid-input' })
    expect(runner.calls).toHaveLength(1)
  })
})

describe('what a package installs for pkexec (resources/linux)', () => {
  it('the polkit policy is valid XML naming action org.portwarden.helper for the installed launcher, admin every time', () => {
    const xml = readFileSync('resources/linux/org.portwarden.helper.policy', 'utf8')
    expect(XMLValidator.validate(xml)).toBe(true)
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml)
    const action = doc.policyconfig.action
    expect(action.id).toBe('org.portwarden.helper')
    expect(action.defaults).toEqual({
      allow_any: 'auth_admin',
      allow_inactive: 'auth_admin',
      allow_active: 'auth_admin',
    })
    expect(action.annotate).toEqual({
      key: 'org.freedesktop.policykit.exec.path',
      '#text': INSTALLED_LINUX_HELPER,
    })
  })

  it('the launcher runs only the helper mode', () => {
    const launcher = 'resources/linux/portwarden-helper'
    expect(readFileSync(launcher, 'utf8')).toContain('/usr/lib/portwarden/cli/portwarden.mjs')
    let status = 0
    try {
      execFileSync('sh', [launcher, 'reserve', '--count', '1'], { stdio: 'pipe' })
    } catch (e) {
      status = (e as { status: number }).status
    }
    expect(status).toBe(2)
  })
})
