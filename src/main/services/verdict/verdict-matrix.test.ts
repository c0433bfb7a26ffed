import fc from 'fast-check'
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  bindSetOf,
  holdSockets,
  realBinds,
  realBindsFor,
  type SocketSpec,
} from '../../../../test/support/real-sockets'
import type { Protocol } from '../../../shared/model'
import type { PortVerdict, VerdictIntent } from '../../../shared/verdict'
import { createAppServices } from '../app-services'

/**
 * The matrix of issue 11: real holders (made by Python, another program), every intent judged,
 * and each verdict's `bindable` compared with a real bind made right after by that other
 * program. The reasons must name the right cause, once.
 */
const scratch = mkdtempSync(join(tmpdir(), 'portwarden-verdicts-'))
const holderDir = join(scratch, 'holders')
mkdirSync(holderDir, { mode: 0o700 })
const services = createAppServices({ holderDir })
afterAll(() => {
  services.runtime.releaseAll()
  rmSync(scratch, { recursive: true, force: true })
})
const isRoot = process.getuid?.() === 0
const NOBODY = 65534

const ADDRESSES = [undefined, '0.0.0.0', '::', '127.0.0.1', '127.0.0.2', '::1'] as const
const INTENTS: VerdictIntent[] = (['tcp', 'udp'] as const).flatMap((protocol) =>
  ADDRESSES.flatMap((address) =>
    (['none', 'addr', 'port'] as const).map((reuse) => ({
      protocol,
      reuse,
      ...(address === undefined ? {} : { address }),
    })),
  ),
)

const describeIntent = (i: VerdictIntent) =>
  `${i.protocol} ${i.address ?? 'wildcard'} reuse=${i.reuse}`

/**
 * Judges every intent on `port` against one reading of the facts. Each intent's real bind is made
 * right after Portwarden's own test bind for it and before the next one: a successful bind can
 * change what the kernel says to the next (the bind bucket's SO_REUSEPORT fast path), so the
 * two are compared at the same moment.
 */
async function judgeAll(port: number, intents = INTENTS) {
  const facts = services.verdicts.facts()
  const rows = []
  for (const intent of intents) {
    const probed = services.verdicts.probe(intent, [port])
    const real = await realBindsFor([intent], port)
    const verdicts = services.verdicts.judge(facts, intent, probed)
    for (const [i, verdict] of verdicts.entries()) rows.push({ intent, verdict, real: real[i]! })
  }
  return rows
}

function expectAgrees(rows: Awaited<ReturnType<typeof judgeAll>>) {
  for (const { intent, verdict, real } of rows) {
    expect(
      verdict.bindable,
      `${describeIntent(intent)}: kernel says ${real}; ${JSON.stringify(verdict.reasons.map((r) => r.message))}`,
    ).toBe(real === 'ok')
    expectEachCauseOnce(verdict)
    // A fix only where the bind fails: nothing to fix on a bindable port.
    if (verdict.bindable) expect(verdict.reasons.filter((r) => r.fix)).toEqual([])
  }
}

function expectEachCauseOnce(v: PortVerdict) {
  const keys = v.reasons.map((r) => r.cause?.key ?? `${r.code}:${r.message}`)
  expect(new Set(keys).size, JSON.stringify(v.reasons)).toBe(keys.length)
}

const defaultFor = (protocol: Protocol): VerdictIntent => ({ protocol, reuse: 'none' })
const pick = (rows: Awaited<ReturnType<typeof judgeAll>>, want: Partial<VerdictIntent>) =>
  rows.find(
    (r) =>
      r.intent.protocol === (want.protocol ?? 'tcp') &&
      r.intent.address === want.address &&
      r.intent.reuse === (want.reuse ?? 'none'),
  )!.verdict

async function scenario(sockets: SocketSpec[], options: { uid?: number } = {}) {
  const held = await holdSockets({ sockets }, options)
  expect(held.made, JSON.stringify(sockets)).toEqual(sockets.map(() => 'ok'))
  try {
    const rows = await judgeAll(held.port)
    expectAgrees(rows)
    return { rows, held }
  } finally {
    await held.stop()
  }
}

const codes = (v: PortVerdict) => v.reasons.map((r) => r.code)
const blocking = (v: PortVerdict) => v.reasons.filter((r) => r.blocking)

describe('verdicts equal real binds, for every intent (holders made by another program)', () => {
  it('IPv4 wildcard listener: everything that meets 0.0.0.0 is refused, an IPv6-only bind works', async () => {
    const { rows, held } = await scenario([{ protocol: 'tcp', address: '0.0.0.0', listen: true }])
    const v = pick(rows, {})
    expect(blocking(v)).toMatchObject([{ code: 'in-use', pid: held.pid, counts: { LISTEN: 1 } }])
    expect(blocking(v)[0]!.message).toContain(`python3 (pid ${held.pid}`)
    expect(blocking(v)[0]!.fix).toContain(`kill ${held.pid}`)
    expect(v.reasons.find((r) => r.code === 'variant')?.message).toContain(
      'An IPv6-only bind on [::] works',
    )
    expect(pick(rows, { address: '::1' }).bindable).toBe(true)
  })

  it('IPv6-only wildcard listener: "an IPv4-only bind on 0.0.0.0 works: the holder is IPv6-only"', async () => {
    const { rows } = await scenario([
      { protocol: 'tcp', address: '::', v6only: true, listen: true },
    ])
    const v = pick(rows, {})
    expect(v.bindable).toBe(false)
    expect(v.reasons.filter((r) => r.code === 'variant').map((r) => r.message)).toContain(
      'An IPv4-only bind on 0.0.0.0 works: the holder is IPv6-only.',
    )
    expect(pick(rows, { address: '0.0.0.0' }).bindable).toBe(true)
    expect(pick(rows, { address: '127.0.0.1' }).bindable).toBe(true)
  })

  it('dual-stack wildcard listener: every address of both families is refused', async () => {
    const { rows } = await scenario([
      { protocol: 'tcp', address: '::', v6only: false, listen: true },
    ])
    for (const address of ADDRESSES)
      expect(pick(rows, { address }).bindable, String(address)).toBe(false)
    expect(pick(rows, { protocol: 'udp' }).bindable).toBe(true)
  })

  it('loopback and 127.0.0.x holders: "127.0.0.1 is free: the holder listens on 127.0.0.2 only"', async () => {
    const { rows } = await scenario([{ protocol: 'tcp', address: '127.0.0.2', listen: true }])
    const wildcard = pick(rows, {})
    expect(wildcard.bindable).toBe(false)
    expect(wildcard.reasons.map((r) => r.message)).toContain(
      '127.0.0.1 is free: the holder listens on 127.0.0.2 only (a bind on 127.0.0.1 was tried and works).',
    )
    const loopback = pick(rows, { address: '127.0.0.1' })
    expect(loopback.bindable).toBe(true)
    expect(loopback.reasons.find((r) => r.code === 'in-use')?.message).toMatch(
      /^127\.0\.0\.1 is free: python3 \(pid \d+.*\) listens on 127\.0\.0\.2 only\.$/,
    )
    const { rows: v1 } = await scenario([{ protocol: 'tcp', address: '127.0.0.1', listen: true }])
    expect(pick(v1, { address: '127.0.0.2' }).bindable).toBe(true)
    expect(pick(v1, { address: '::1' }).bindable).toBe(true)
    await scenario([{ protocol: 'tcp', address: '::1', v6only: true, listen: true }])
  })

  it('SO_REUSEADDR holders: TCP never past a listener; UDP shares when both set it', async () => {
    const { rows: tcp } = await scenario([
      { protocol: 'tcp', address: '0.0.0.0', reuseaddr: true, listen: true },
    ])
    expect(pick(tcp, { address: '0.0.0.0', reuse: 'addr' }).bindable).toBe(false)
    const { rows: udp } = await scenario([{ protocol: 'udp', address: '0.0.0.0', reuseaddr: true }])
    const shared = pick(udp, { protocol: 'udp', address: '0.0.0.0', reuse: 'addr' })
    expect(shared.bindable).toBe(true)
    expect(shared.reasons.find((r) => r.code === 'shared')?.message).toContain('SO_REUSEADDR')
    const plain = pick(udp, { protocol: 'udp', address: '0.0.0.0' })
    expect(plain.bindable).toBe(false)
    expect(plain.reasons.find((r) => r.code === 'variant')?.message).toContain('With SO_REUSEADDR')
    // A TCP socket bound without listening, SO_REUSEADDR: another SO_REUSEADDR bind shares it.
    await scenario([{ protocol: 'tcp', address: '127.0.0.1', reuseaddr: true }])
  })

  it('SO_REUSEPORT holders: the same user shares, another user does not', async () => {
    const { rows } = await scenario([
      { protocol: 'tcp', address: '0.0.0.0', reuseport: true, listen: true },
    ])
    const sharing = pick(rows, { address: '0.0.0.0', reuse: 'port' })
    expect(sharing.bindable).toBe(true)
    expect(codes(sharing)).toContain('shared')
    const plain = pick(rows, { address: '0.0.0.0' })
    expect(plain.reasons.find((r) => r.code === 'variant')?.message).toContain(
      'Another SO_REUSEPORT socket of the same user may share it',
    )
    await scenario([{ protocol: 'udp', address: '::', v6only: false, reuseport: true }])
    if (!isRoot) return
    const { rows: theirs } = await scenario(
      [{ protocol: 'tcp', address: '0.0.0.0', reuseport: true, listen: true }],
      { uid: NOBODY },
    )
    const v = pick(theirs, { address: '0.0.0.0', reuse: 'port' })
    expect(v.bindable).toBe(false)
    expect(codes(v)).not.toContain('variant')
  })

  it('TCP and UDP apart: a UDP socket is named as the other protocol, TCP free', async () => {
    const { rows, held } = await scenario([{ protocol: 'udp', address: '0.0.0.0' }])
    const tcp = pick(rows, {})
    expect(tcp.bindable).toBe(true)
    expect(tcp.reasons.find((r) => r.code === 'other-protocol')?.message).toMatch(
      new RegExp(`^UDP ${held.port} is used by python3 \\(pid ${held.pid}.*\\); TCP is free`),
    )
  })

  it('a listener with 120 connections: one reason with counts, one fix', async () => {
    const { rows, held } = await scenario([
      { protocol: 'tcp', address: '127.0.0.1', listen: true, connections: 120 },
    ])
    const v = pick(rows, {})
    const inUse = v.reasons.filter((r) => r.code === 'in-use')
    expect(inUse).toHaveLength(1)
    expect(inUse[0]!.counts).toEqual({ LISTEN: 1, ESTABLISHED: 120 })
    expect(inUse[0]!.message).toMatch(
      new RegExp(`pid ${held.pid}.*: LISTEN on 127\\.0\\.0\\.1 and 120 connections\\.$`),
    )
    expect(v.reasons.filter((r) => r.fix)).toHaveLength(1)
    expect(inUse[0]!.fix).toContain('120 connections then wait in TIME_WAIT')
  })

  it('TIME_WAIT: no owner, when it expires, and what avoids it; SO_REUSEADDR past it only if the old socket had it', async () => {
    for (const reuseaddr of [false, true]) {
      const { rows } = await scenario([
        { protocol: 'tcp', address: '127.0.0.1', reuseaddr, timeWait: true },
      ])
      const v = pick(rows, { address: '127.0.0.1' })
      expect(v.bindable).toBe(false)
      const tw = v.reasons.filter((r) => r.code === 'time-wait')
      expect(tw).toHaveLength(1)
      expect(tw[0]!.expiresMs).toBeGreaterThan(0)
      expect(tw[0]!.expiresMs).toBeLessThanOrEqual(60_000)
      expect(tw[0]!.message).toMatch(
        /owned by no process; the last goes in \d+ s\. What avoids it: SO_REUSEADDR on the server/,
      )
      expect(codes(v)).not.toContain('unexplained')
      expect(pick(rows, { address: '127.0.0.1', reuse: 'addr' }).bindable).toBe(reuseaddr)
    }
  })

  it('a connection’s local port (an outgoing connection of this process)', async () => {
    const server = net.createServer()
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const client = net.connect((server.address() as net.AddressInfo).port, '127.0.0.1')
    await new Promise((r) => client.once('connect', r))
    try {
      const rows = await judgeAll(
        client.localPort!,
        INTENTS.filter((i) => i.protocol === 'tcp'),
      )
      expectAgrees(rows)
      const v = pick(rows, { address: '127.0.0.1' })
      expect(v.bindable).toBe(false)
      expect(v.reasons.find((r) => r.code === 'in-use')?.message).toMatch(
        /this process.*a connection \(ESTABLISHED\) from 127\.0\.0\.1 to 127\.0\.0\.1:\d+\./,
      )
    } finally {
      client.destroy()
      server.close()
    }
  })

  it('an address the machine does not have, or a link-local one without its interface: said as such, no holder blamed', async () => {
    const held = await holdSockets({ sockets: [{ protocol: 'udp', address: '0.0.0.0' }] })
    try {
      const intents: VerdictIntent[] = [
        { protocol: 'udp', address: '192.0.2.1', reuse: 'none' },
        { protocol: 'udp', address: 'fe80::1', reuse: 'none' },
      ]
      const rows = await judgeAll(held.port, intents)
      expectAgrees(rows)
      const [missing, linkLocal] = rows.map((r) => r.verdict)
      expect(missing!.reasons.filter((r) => r.blocking)).toMatchObject([
        { code: 'address', fix: expect.stringContaining('ip -brief address') },
      ])
      expect(missing!.reasons[0]!.message).toContain('192.0.2.1 is not an address of this machine')
      expect(codes(linkLocal!)).toContain('address')
      for (const v of [missing!, linkLocal!]) expect(codes(v)).not.toContain('in-use')
    } finally {
      await held.stop()
    }
  })

  it('when the kernel and the listing disagree, it says so plainly (facts read before/after a holder)', async () => {
    const intent = defaultFor('tcp')
    const before = services.verdicts.facts() // read before the holder exists
    const held = await holdSockets({
      sockets: [{ protocol: 'tcp', address: '0.0.0.0', listen: true }],
    })
    let after: ReturnType<typeof services.verdicts.facts>
    try {
      const v = services.verdicts.judge(
        before,
        intent,
        services.verdicts.probe(intent, [held.port]),
      )[0]!
      expect(v.bindable).toBe(false)
      expect(v.reasons.filter((r) => r.blocking)).toMatchObject([{ code: 'unexplained' }])
      expect(v.reasons[0]!.message).toMatch(
        /^The kernel refuses this bind \(EADDRINUSE: Address already in use\), but no socket Portwarden can see holds TCP \d+: another network namespace or container, or a process it may not read/,
      )
      expect(await realBinds([bindSetOf(intent, 'tcp', held.port)])).toEqual(['EADDRINUSE'])
      after = services.verdicts.facts() // read while it holds the port
    } finally {
      await held.stop()
    }
    const v = services.verdicts.judge(
      after,
      intent,
      services.verdicts.probe(intent, [held.port]),
    )[0]!
    expect(v.bindable).toBe(true)
    expect(v.reasons.find((r) => r.code === 'shared')?.message).toContain(
      'the kernel accepted the bind anyway: the holder has probably just closed',
    )
    expect(await realBinds([bindSetOf(intent, 'tcp', held.port)])).toEqual(['ok'])
  })

  it.skipIf(!isRoot)(
    'another user’s holder (nobody): named with its user; root needs no sudo to end it',
    async () => {
      const { rows, held } = await scenario(
        [{ protocol: 'tcp', address: '0.0.0.0', listen: true }],
        { uid: NOBODY },
      )
      const r = blocking(pick(rows, {}))[0]!
      expect(r.message).toContain(`python3 (pid ${held.pid}, user nobody)`)
      expect(r.fix).toMatch(new RegExp(`^kill ${held.pid} {4}# python3, started `))
    },
  )

  it('a holder file whose pid was reused, or whose pid holds no socket on the port, is not believed', async () => {
    const port = await freePort()
    const sleeper = spawn('sleep', ['30'])
    const bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()
    const record = (pid: number, processStart: string) => ({
      pid,
      holder: 'cli',
      startedAt: new Date().toISOString(),
      processStart,
      bootId,
      reservations: [
        {
          token: '77',
          protocol: 'tcp',
          startPort: port,
          count: 1,
          acquiredAt: new Date().toISOString(),
        },
      ],
    })
    const startOf = (pid: number) =>
      readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[19]!
    try {
      // The sleeper's pid, but another process's start time: pid reuse after kill -9.
      writeFileSync(
        join(holderDir, `${sleeper.pid}.json`),
        JSON.stringify(record(sleeper.pid!, '1')),
        { mode: 0o600 },
      )
      const reused = services.verdicts.check({ protocol: 'tcp', ports: String(port) })[0]!
      expect(reused.bindable).toBe(true)
      expect(codes(reused)).not.toContain('portwarden')
      expect(readdirSync(holderDir)).not.toContain(`${sleeper.pid}.json`) // removed on the way
      // The right process, alive, but it holds no socket on the port: the kernel disagrees.
      writeFileSync(
        join(holderDir, `${sleeper.pid}.json`),
        JSON.stringify(record(sleeper.pid!, startOf(sleeper.pid!))),
        { mode: 0o600 },
      )
      expect(services.otherHolders().map((h) => h.pid)).toContain(sleeper.pid)
      const unbacked = services.verdicts.check({ protocol: 'tcp', ports: String(port) })[0]!
      expect(unbacked.bindable).toBe(true)
      expect(codes(unbacked)).not.toContain('portwarden')
      expect(await realBinds([bindSetOf(defaultFor('tcp'), 'tcp', port)])).toEqual(['ok'])
    } finally {
      sleeper.kill()
      rmSync(join(holderDir, `${sleeper.pid}.json`), { force: true })
    }
  })
})

/** A port free right now (the kernel's pick for a socket that is closed again). */
async function freePort(): Promise<number> {
  const held = await holdSockets({ sockets: [{ protocol: 'tcp', address: '0.0.0.0' }] })
  await held.stop()
  return held.port
}

const ADDRESS_POOL = ['0.0.0.0', '127.0.0.1', '127.0.0.2', '::', '::1', '::ffff:127.0.0.1'] as const
const socketSpec = fc.record({
  protocol: fc.constantFrom<Protocol>('tcp', 'udp'),
  address: fc.constantFrom(...ADDRESS_POOL),
  v6only: fc.boolean(),
  reuseaddr: fc.boolean(),
  reuseport: fc.boolean(),
  listen: fc.boolean(),
})

describe('property: for random socket sets, every verdict equals a real bind made right after', () => {
  it('families, addresses, options and protocols at random (real sockets, another program)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(socketSpec, { minLength: 1, maxLength: 4 }),
        fc.subarray(INTENTS, { minLength: 6, maxLength: 12 }),
        async (sockets, intents) => {
          // Sockets that cannot be made (a later one colliding with an earlier one) are skipped by
          // the holder; the port is whatever the first one got.
          const specs = sockets.map((s) => ({
            ...s,
            v6only: s.address.startsWith('::ffff:') ? false : s.v6only,
          }))
          const held = await holdSockets({ sockets: specs })
          try {
            const rows = await judgeAll(held.port, intents)
            expectAgrees(rows)
          } finally {
            await held.stop()
          }
        },
      ),
      { numRuns: Number(process.env['VERDICT_RUNS'] ?? 50) },
    )
  }, 120_000)
})
