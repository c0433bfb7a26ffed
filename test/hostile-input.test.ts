// Hostile input at every boundary: every invoke channel of the handler registry, the parsers of
// what the OS prints (/proc/net, netsh), report files fed to `portwarden diff`, and the CLI's
// argv. Nothing here may change the host: the reserved-port list is never written (see the
// recorders below), reports are never exported through a real shell, files go to a temp dir.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import iconv from 'iconv-lite'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { invokeChannelNames, invokeChannels, type InvokeChannel } from '../src/shared/contract'
import { ErrorInfo } from '../src/shared/error-schemas'
import { PortwardenError } from '../src/shared/errors'
import { SocketEntry } from '../src/shared/sockets'
import type { Report } from '../src/shared/report'
import { createHandlers } from '../src/main/ipc/handlers'
import { createAppServices } from '../src/main/services/app-services'
import { buildReport, parseReport, renderReport } from '../src/main/services/report'
import type { PortBackend } from '../src/main/platform/backend'
import { createLinuxBackend } from '../src/main/platform/linux'
import { parseProcNet, PROC_NET_FILES } from '../src/main/platform/linux/proc-net'
import { parseDynamicPort, parseExcludedPortRanges } from '../src/main/platform/win32/netsh-parse'
import { main as cliMain } from '../src/cli/index'
import { openFdCount } from './support/fd-count'

// Belt and braces: every ReservedPorts made in this file (the CLI makes its own) records a
// change instead of writing net.ipv4.ip_local_reserved_ports or /etc/sysctl.d.
const sysctlWrites = vi.hoisted(() => [] as unknown[])
vi.mock('../src/main/platform/linux/reserved-ports', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/main/platform/linux/reserved-ports')>()
  class RecordingReservedPorts extends real.ReservedPorts {
    override add(span: { startPort: number; count: number }, persist = false) {
      sysctlWrites.push(['add', span, persist])
      return this.list()
    }
    override remove(span: { startPort: number; count: number }, persist = false) {
      sysctlWrites.push(['remove', span, persist])
      return this.list()
    }
  }
  return { ...real, ReservedPorts: RecordingReservedPorts }
})

const scratch = mkdtempSync(join(tmpdir(), 'portwarden-hostile-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))
const RESERVED_SYSCTL = '/proc/sys/net/ipv4/ip_local_reserved_ports'
const hostReservedBefore = readFileSync(RESERVED_SYSCTL, 'utf8')

// ---------------------------------------------------------------------------------------------
// Values

const LONG = 'x'.repeat(100_000)
/** Numbers and number-like values that break naive checks. */
const WEIRD_NUMBERS: unknown[] = [
  Number.NaN,
  Infinity,
  -Infinity,
  -0,
  -1,
  0,
  1.5,
  65535,
  65536,
  70000,
  2 ** 31,
  2 ** 32,
  2 ** 53,
  2 ** 53 + 2,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  1e21,
  2n ** 64n,
  2n ** 64n - 1n,
  -1n,
  0n,
]
/** Strings: tokens that are not numbers or do not fit 64 bits, control characters, unicode. */
const WEIRD_STRINGS: unknown[] = [
  '',
  '0',
  '1',
  '00001',
  ' 1',
  '1 ',
  '+1',
  '-1',
  '1e3',
  '0x10',
  '1.0',
  '65536',
  '18446744073709551616', // 2^64
  '18446744073709551615', // 2^64 - 1: a valid token that is not held
  '99999999999999999999999',
  '٣', // ARABIC-INDIC DIGIT THREE
  '１２３', // full-width digits
  '\u0000',
  '1\u0000',
  'tcp\u0000',
  'TCP',
  'ｔｃｐ',
  'udp ',
  'tcp\n',
  '\u202etcp',
  '\r\n\t\b\f\v',
  '🔌'.repeat(40),
  'e\u0301',
  '\uD800', // a lone surrogate
  '1,'.repeat(6000),
  '80-70',
  '1-65535',
  LONG,
]
const WEIRD_OTHER: unknown[] = [
  undefined,
  null,
  true,
  false,
  [],
  [1, 2],
  {},
  Object.create(null),
  new Date(0),
  new Date(Number.NaN),
  new Map([['count', 1]]),
  new Set([1]),
  new Uint8Array(4),
  /tcp/,
  Symbol('tcp'),
  () => 'tcp',
]
const WEIRD = [...WEIRD_NUMBERS, ...WEIRD_STRINGS, ...WEIRD_OTHER]
const ADVERSARIAL_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '',
  '\u0000',
  'count ',
  'COUNT',
  '🔌',
  'k'.repeat(10_000),
]

/** Sets an own property, even `__proto__` (JSON.parse and structured clone make those too). */
function withOwn(target: object, key: string, value: unknown): object {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  })
  return target
}

function nested(depth: number, leaf: unknown, asArray: boolean): unknown {
  let v = leaf
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { a: v }
  return v
}

const weird = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...WEIRD) },
  {
    weight: 2,
    arbitrary: fc.anything({
      withBigInt: true,
      withNullPrototype: true,
      withSparseArray: true,
      withBoxedValues: true,
      withMap: true,
      withSet: true,
      withDate: true,
      withTypedArray: true,
      withObjectString: true,
      stringUnit: 'binary',
    }),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.bigInt() },
)

// ---------------------------------------------------------------------------------------------
// The registry under test: real services and the real Linux backend, except that the reserved
// range editor is a recorder (no call may reach it), and no shell (export/compare must answer
// 'not-supported' rather than open dialogs or write files).

const editorCalls: unknown[] = []
const real = createLinuxBackend()
const backend: PortBackend = {
  ...real,
  reservedRangeEditor: {
    add: (span, persist) => (editorCalls.push(['add', span, persist]), []),
    remove: (span, persist) => (editorCalls.push(['remove', span, persist]), []),
  },
}
const services = createAppServices({
  backend,
  appVersion: 'hostile',
  holderDir: join(scratch, 'holders'),
})
const handlers = createHandlers(services)
let keep: { token: string }

/** A valid input per known channel, the starting point for near-valid mutations. */
function validBase(channel: InvokeChannel): unknown {
  switch (channel) {
    case 'runtime:reserve':
      return { protocol: 'tcp', startPort: 0, count: 1 }
    case 'runtime:release':
    case 'runtime:associateProbe':
      return { token: keep.token }
    case 'ports:check':
      return { protocol: 'tcp', ports: '40000' }
    case 'reserved:add':
    case 'reserved:remove':
      return { startPort: 40000, count: 1, persist: false }
    case 'watch:add':
      return { protocol: 'udp', port: 40000, label: 'hostile' }
    case 'watch:remove':
      return { protocol: 'udp', port: 40000 }
    default:
      return undefined // no-input channels, and any channel added after this test was written
  }
}

/**
 * Channels a *valid* input may reach: they only read, or change this test's in-memory state
 * (watched ports). Reserving, releasing everything and reserved ranges — and any channel this
 * list does not know yet — get invalid input only.
 */
const SAFE_WHEN_VALID = new Set<string>([
  'app:info',
  'runtime:list',
  'runtime:others',
  'runtime:release', // except for tokens we hold: see mustSkip
  'runtime:associateProbe',
  'inventory:snapshot',
  'ports:check',
  'watch:list',
  'watch:add',
  'watch:remove',
  'report:export',
  'report:compare',
])

function mustSkip(channel: InvokeChannel, input: unknown): boolean {
  const parsed = invokeChannels[channel].input.safeParse(input)
  if (!parsed.success) return false
  if (!SAFE_WHEN_VALID.has(channel)) return true
  if (channel === 'runtime:release') {
    const token = (parsed.data as { token: string }).token
    return services.runtime.list().some((r) => r.token === token)
  }
  return false
}

type Mutation =
  | { op: 'set'; key: string; value: unknown }
  | { op: 'delete'; key: string }
  | { op: 'nest'; depth: number; asArray: boolean; under?: string }
  | { op: 'wrap'; how: 'array' | 'json' | 'string' }
  | { op: 'replace'; value: unknown }

function applyMutations(base: unknown, mutations: Mutation[]): unknown {
  let v: unknown =
    base && typeof base === 'object' ? Object.assign({}, base as Record<string, unknown>) : base
  for (const m of mutations) {
    switch (m.op) {
      case 'set':
        v = withOwn(v && typeof v === 'object' ? v : {}, m.key, m.value)
        break
      case 'delete':
        if (v && typeof v === 'object') delete (v as Record<string, unknown>)[m.key]
        break
      case 'nest':
        v = m.under
          ? withOwn(v && typeof v === 'object' ? v : {}, m.under, nested(m.depth, 1, m.asArray))
          : nested(m.depth, v, m.asArray)
        break
      case 'wrap':
        v = m.how === 'array' ? [v] : m.how === 'string' ? safeString(v) : safeJson(v)
        break
      case 'replace':
        v = m.value
    }
  }
  return v
}

function safeString(v: unknown): string {
  try {
    return String(v)
  } catch {
    return '[unprintable]' // e.g. 20,000 nested arrays overflow Array.prototype.toString
  }
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? 'undefined'
  } catch {
    return '{"unserializable":true}'
  }
}

const FIELDS = ['protocol', 'startPort', 'count', 'token', 'ports', 'port', 'label', 'persist']
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant('set' as const),
      key: fc.oneof(fc.constantFrom(...FIELDS), fc.constantFrom(...ADVERSARIAL_KEYS)),
      value: weird,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('delete' as const), key: fc.constantFrom(...FIELDS) }),
  },
  {
    weight: 1,
    arbitrary: fc.record(
      {
        op: fc.constant('nest' as const),
        depth: fc.oneof(fc.integer({ min: 1, max: 50 }), fc.constant(20_000)),
        asArray: fc.boolean(),
        under: fc.constantFrom(...FIELDS, ...ADVERSARIAL_KEYS),
      },
      { requiredKeys: ['op', 'depth', 'asArray'] },
    ),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('wrap' as const),
      how: fc.constantFrom('array' as const, 'json' as const, 'string' as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('replace' as const), value: weird }) },
)

const outcomes = new Map<string, Map<string, number>>()
function tally(channel: string, outcome: string): void {
  const m = outcomes.get(channel) ?? new Map<string, number>()
  m.set(outcome, (m.get(outcome) ?? 0) + 1)
  outcomes.set(channel, m)
}

/** A short printable form of any input, for failure messages only. */
function show(input: unknown): string {
  try {
    return fc.stringify(input).slice(0, 300)
  } catch {
    return `[${typeof input} too deep to print]`
  }
}

/** Calls one channel and checks the answer is a well-formed envelope with a typed error. */
async function callAndCheck(channel: InvokeChannel, input: unknown): Promise<void> {
  if (mustSkip(channel, input)) {
    tally(channel, 'skipped (valid, would change the host)')
    return
  }
  // A rejected promise fails the test: the registry must never throw.
  const r = await handlers[channel](input)
  const fail = (why: string) => {
    throw new Error(`${channel} ← ${show(input)}: ${why}`)
  }
  if (r.ok) {
    if (channel.startsWith('report:')) fail('answered ok without a shell')
    tally(channel, 'ok')
    return
  }
  if (!ErrorInfo.safeParse(r.error).success) fail(`malformed error ${JSON.stringify(r.error)}`)
  if (r.error.kind === 'internal') fail(`kind 'internal': ${r.error.detail ?? r.error.message}`)
  if (!r.error.message) fail('an error without a message')
  if (channel.startsWith('report:') && !['invalid-input', 'not-supported'].includes(r.error.kind))
    fail(`report channel answered ${r.error.kind}`)
  tally(channel, r.error.kind)
}

const prototypeKeys = () =>
  [Object.prototype, Array.prototype, Function.prototype].map((p) =>
    Object.getOwnPropertyNames(p).sort().join(','),
  )

describe('hostile input at every IPC channel (handler registry, real services)', () => {
  let fdsBefore = 0
  let listBefore: unknown
  let protoBefore: string[]

  beforeAll(async () => {
    const r = await handlers['runtime:reserve']({ protocol: 'udp', startPort: 0, count: 3 })
    if (!r.ok) throw new Error(r.error.message)
    keep = r.value as { token: string }
    // Warm up every lazily opened thing (libc, the first inventory reading) before counting.
    for (const channel of invokeChannelNames) await callAndCheck(channel, validBase(channel))
    outcomes.clear()
    listBefore = services.runtime.list()
    fdsBefore = openFdCount()
    protoBefore = prototypeKeys()
  })

  afterAll(() => {
    services.runtime.releaseAll()
    const rows = [...outcomes].map(
      ([c, m]) => `  ${c.padEnd(24)} ${[...m].map(([k, n]) => `${k} ${n}`).join(', ')}`,
    )
    console.log(`hostile input, answers per channel:\n${rows.join('\n')}`)
  })

  it('the targeted cases: each field of each channel set to each weird value, and the shapes around it', async () => {
    for (const channel of invokeChannelNames) {
      const base = validBase(channel)
      const inputs: unknown[] = [...WEIRD]
      if (base && typeof base === 'object') {
        for (const key of Object.keys(base)) {
          for (const value of WEIRD) inputs.push(applyMutations(base, [{ op: 'set', key, value }]))
          inputs.push(applyMutations(base, [{ op: 'delete', key }]))
        }
        for (const key of ADVERSARIAL_KEYS) {
          inputs.push(applyMutations(base, [{ op: 'set', key, value: { polluted: true } }]))
          inputs.push(JSON.parse(`{${JSON.stringify(key)}:{"polluted":true}}`))
        }
        inputs.push(JSON.parse(JSON.stringify(base).replace('{', '{"__proto__":{"count":1},')))
        inputs.push(
          applyMutations(base, [{ op: 'nest', depth: 20_000, asArray: false, under: 'x' }]),
        )
        inputs.push(nested(20_000, base, true), nested(20_000, base, false))
      } else {
        inputs.push(nested(20_000, 1, false), nested(20_000, 1, true), { x: LONG })
        for (const key of ADVERSARIAL_KEYS) inputs.push(withOwn({}, key, 1))
      }
      for (const input of inputs) await callAndCheck(channel, input)
    }
    // Port blocks that overflow, and counts far beyond any port space.
    for (const [startPort, count] of [
      [65535, 2],
      [65000, 1000],
      [1, 65535],
      [0, 65536],
      [2 ** 31, 2 ** 31],
      [65535, Number.MAX_SAFE_INTEGER],
      [40000, 1e9],
    ]) {
      for (const protocol of ['tcp', 'udp']) {
        await callAndCheck('runtime:reserve', { protocol, startPort, count })
      }
      await callAndCheck('reserved:add', { startPort, count })
      await callAndCheck('reserved:remove', { startPort, count, persist: true })
    }
  })

  it('random and near-valid values at random channels (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...invokeChannelNames),
        fc.oneof(
          { weight: 1, arbitrary: weird.map((v) => ({ raw: v })) },
          { weight: 3, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }) },
        ),
        async (channel, how) => {
          const input = Array.isArray(how) ? applyMutations(validBase(channel), how) : how.raw
          await callAndCheck(channel, input)
        },
      ),
      { numRuns: 4000 },
    )
  })

  it('afterwards: nothing written, nothing lost or leaked, no prototype polluted, still answering', async () => {
    expect(editorCalls).toEqual([])
    expect(sysctlWrites).toEqual([])
    expect(readFileSync(RESERVED_SYSCTL, 'utf8')).toBe(hostReservedBefore)
    expect(services.runtime.list()).toEqual(listBefore)
    expect(openFdCount()).toBe(fdsBefore)
    expect(prototypeKeys()).toEqual(protoBefore)
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    expect(await handlers['app:info'](undefined)).toMatchObject({ ok: true })
    expect(await handlers['report:export'](undefined)).toMatchObject({
      ok: false,
      error: { kind: 'not-supported' },
    })
  })
})

// ---------------------------------------------------------------------------------------------
// What the OS prints

/** Real /proc/net text from this machine, plus captured lines of every shape. */
function procNetCorpus(): { text: string; protocol: 'tcp' | 'udp'; family: 'ipv4' | 'ipv6' }[] {
  const corpus: { text: string; protocol: 'tcp' | 'udp'; family: 'ipv4' | 'ipv6' }[] = []
  for (const f of PROC_NET_FILES) {
    if (!existsSync(f.path)) continue
    // A few lines are enough to mutate; the header is kept.
    const text = readFileSync(f.path, 'utf8').split('\n').slice(0, 12).join('\n')
    corpus.push({ text, protocol: f.protocol, family: f.family })
  }
  corpus.push(
    {
      protocol: 'tcp',
      family: 'ipv4',
      text: `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   1: 0100007F:8007 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 35978 1 00000000ad4dcf8b 100 0 0 10 0
   2: 0100007F:9905 0100007F:B59A 06 00000000:00000000 03:0000060C 00000000     0        0 0 3 000000000c249b62
`,
    },
    {
      protocol: 'tcp',
      family: 'ipv6',
      text: `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000001000000:9701 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 35979 1 000000003f08de39 100 0 0 10 0
   2: 0000000000000000FFFF00000100007F:AB3B 0000000000000000FFFF00000100007F:9ADC 01 00000000:00000000 00:00000000 00000000     0        0 35984 1 000000008323cb56 20 0 0 10 -1
`,
    },
    {
      protocol: 'udp',
      family: 'ipv4',
      text: ` 9812: 0100007F:CC93 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 35985 2 000000003e90a13c 0\n`,
    },
  )
  return corpus
}

type TextMutation =
  | { op: 'char'; at: number; ch: string }
  | { op: 'cut'; at: number; len: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'field'; line: number; field: number; text: string }
  | { op: 'truncate'; at: number }

function mutateText(text: string, mutations: TextMutation[]): string {
  let t = text
  for (const m of mutations) {
    const at = 'at' in m ? m.at % (t.length + 1) : 0
    switch (m.op) {
      case 'char':
        t = t.slice(0, at) + m.ch + t.slice(at + 1)
        break
      case 'cut':
        t = t.slice(0, at) + t.slice(at + m.len)
        break
      case 'insert':
        t = t.slice(0, at) + m.text + t.slice(at)
        break
      case 'truncate':
        t = t.slice(0, at)
        break
      case 'field': {
        // Replaces one whitespace-separated field of one line, keeping the rest of the line.
        const lines = t.split('\n')
        const i = m.line % Math.max(lines.length, 1)
        const fields = (lines[i] ?? '').trim().split(/\s+/)
        fields[m.field % Math.max(fields.length, 1)] = m.text
        lines[i] = `   ${fields.join(' ')}`
        t = lines.join('\n')
      }
    }
  }
  return t
}

const hex = (maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789ABCDEF'), maxLength })
const hexish = fc.string({ unit: fc.constantFrom(...'0123456789ABCDEFabcdefG:x- '), maxLength: 40 })
const textMutation = (fieldText: fc.Arbitrary<string>): fc.Arbitrary<TextMutation> =>
  fc.oneof(
    fc.record({
      op: fc.constant('char' as const),
      at: fc.nat(),
      ch: fc.oneof(
        fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
        fc.constantFrom(':', ' ', '\n', '\r', '\u0000', 'F', '9'),
      ),
    }),
    fc.record({
      op: fc.constant('cut' as const),
      at: fc.nat(),
      len: fc.integer({ min: 1, max: 30 }),
    }),
    fc.record({
      op: fc.constant('insert' as const),
      at: fc.nat(),
      text: fc.oneof(fc.string({ unit: 'binary', maxLength: 20 }), hexish, fc.constant('\n')),
    }),
    fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
    fc.record({
      op: fc.constant('field' as const),
      line: fc.nat(),
      field: fc.nat(),
      text: fieldText,
    }),
  )

/** Port fields of every length, addresses of the wrong width, numbers that are not numbers. */
const procField = fc.oneof(
  hexish,
  fc.tuple(hex(34), hex(9)).map(([a, p]) => `${a}:${p}`),
  fc.constantFrom(
    '0100007F:',
    '0100007F',
    ':1F90',
    '0100007F:1F9000',
    '0100007F:FFFFFFFFFFFFFFFFFFFF',
    '-1',
    'NaN',
    '1e999',
    '99999999999999999999',
  ),
)

const KNOWN_BAD_PROC_LINES = [
  '   1: 0100007F:1F9000 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 35978 1',
  '   1: 0100007F: 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 35978 1',
  '   1: 0100007F:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 abc 1',
]

type ProcNetSample = { text: string; protocol: 'tcp' | 'udp'; family: 'ipv4' | 'ipv6' }
type ProcNetCase = { sample: ProcNetSample; mutations: TextMutation[] }

describe('parsers of what the OS prints, fed mutated real output', () => {
  const corpus = procNetCorpus()
  const mutatedProcNet = fc.record({
    sample: fc.constantFrom(...corpus),
    mutations: fc.array(textMutation(procField), { minLength: 1, maxLength: 6 }),
  })

  it('parseProcNet never throws on mutated /proc/net text', () => {
    fc.assert(
      fc.property(mutatedProcNet, ({ sample, mutations }) => {
        const entries = parseProcNet(
          mutateText(sample.text, mutations),
          sample.protocol,
          sample.family,
        )
        expect(Array.isArray(entries)).toBe(true)
      }),
      { numRuns: 2000 },
    )
  })

  // The kernel prints %04X ports and decimal inode/uid: a mutated line that breaks that is
  // skipped, so no entry ever fails the SocketEntry schema (and with it the inventory push).
  it('every entry parsed from mutated /proc/net text is a valid SocketEntry, ports 0–65535', () => {
    fc.assert(
      fc.property(mutatedProcNet, ({ sample, mutations }) => {
        const entries = parseProcNet(
          mutateText(sample.text, mutations),
          sample.protocol,
          sample.family,
        )
        for (const e of entries) {
          expect(SocketEntry.safeParse(e).success, JSON.stringify(e)).toBe(true)
        }
      }),
      {
        numRuns: 500,
        examples: KNOWN_BAD_PROC_LINES.map((line): [ProcNetCase] => [
          {
            sample: { text: line, protocol: 'tcp', family: 'ipv4' },
            mutations: [],
          },
        ]),
      },
    )
  })

  const netshDir = 'src/main/platform/win32/__fixtures__/netsh'
  const netshCorpus = readdirSync(netshDir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => {
      const enc = /\.(cp\d+|utf8)\.txt$/.exec(f)?.[1] ?? 'utf8'
      return { file: f, text: iconv.decode(readFileSync(join(netshDir, f)), enc) }
    })
  const netshField = fc.oneof(
    fc.nat({ max: 70_000 }).map(String),
    fc.constantFrom(
      '0',
      '65535',
      '65536',
      '99999999999999999999',
      '-1',
      '*',
      '**',
      '٣',
      '１２３',
      '1e3',
      '',
    ),
    fc.string({ unit: 'binary', maxLength: 12 }),
  )
  const mutatedNetsh = fc.record({
    sample: fc.constantFrom(...netshCorpus),
    mutations: fc.array(textMutation(netshField), { minLength: 1, maxLength: 6 }),
  })

  it('parseExcludedPortRanges never throws and yields only ranges inside 1–65535', () => {
    expect(netshCorpus.length).toBeGreaterThan(10)
    fc.assert(
      fc.property(
        mutatedNetsh,
        fc.constantFrom('tcp' as const, 'udp' as const),
        ({ sample, mutations }, protocol) => {
          const { ranges, warnings } = parseExcludedPortRanges(
            mutateText(sample.text, mutations),
            protocol,
            'ipv4',
          )
          for (const r of ranges) {
            expect(Number.isInteger(r.startPort) && Number.isInteger(r.endPort)).toBe(true)
            expect(
              r.startPort >= 1 && r.startPort <= r.endPort && r.endPort <= 65535,
              JSON.stringify(r),
            ).toBe(true)
          }
          for (const w of warnings) expect(typeof w.reason).toBe('string')
        },
      ),
      { numRuns: 1500 },
    )
  })

  it('parseDynamicPort yields a range inside 1–65535 or throws a plain Error that says why', () => {
    fc.assert(
      fc.property(mutatedNetsh, ({ sample, mutations }) => {
        const text = mutateText(sample.text, mutations)
        let range
        try {
          range = parseDynamicPort(text, 'tcp', 'ipv6')
        } catch (err) {
          expect(err).toBeInstanceOf(Error)
          expect(err).not.toBeInstanceOf(TypeError)
          expect(err).not.toBeInstanceOf(RangeError)
          expect((err as Error).message).toMatch(/^netsh /)
          return
        }
        expect(range.startPort >= 1 && range.startPort + range.count - 1 <= 65535).toBe(true)
      }),
      { numRuns: 1500 },
    )
  })
})

// ---------------------------------------------------------------------------------------------
// The command line, in process: argv and report files

/** Runs the CLI's main() with console and stdout captured; resolves to the exit code. */
async function runCli(argv: string[]): Promise<{ code: number; out: string }> {
  const realOnce = process.once.bind(process)
  let out = ''
  const capture = (...args: unknown[]) => void (out += `${args.map(String).join(' ')}\n`)
  const spies = [
    vi.spyOn(console, 'log').mockImplementation(capture),
    vi.spyOn(console, 'error').mockImplementation(capture),
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk)
      return true
    }),
    // `reserve` holds its block until a signal: answer its wait at once, as Ctrl-C would.
    vi.spyOn(process, 'once').mockImplementation(((event: string, listener: () => void) => {
      if (event === 'SIGINT' || event === 'SIGTERM' || event === 'SIGHUP') setImmediate(listener)
      else realOnce(event, listener)
      return process
    }) as typeof process.once),
  ]
  try {
    return { code: await cliMain(argv), out }
  } finally {
    for (const s of spies) s.mockRestore()
  }
}

describe('the CLI in process: random argv and mutated report files', () => {
  const stateDir = join(scratch, 'state')
  const reports = join(scratch, 'reports')
  let goodReport: Report
  let goodFile: string
  const savedEnv = process.env['PORTWARDEN_STATE_DIR']
  let cliFdsBefore = 0

  beforeAll(() => {
    mkdirSync(reports, { recursive: true })
    process.env['PORTWARDEN_STATE_DIR'] = stateDir
    // A report with something in every section: a held block and a watched port.
    const svc = createAppServices({ backend, holderDir: join(scratch, 'holders') })
    svc.runtime.reserve({ protocol: 'tcp', startPort: 0, count: 2 })
    const full = buildReport(svc, {
      watched: [{ protocol: 'tcp', ports: '40000,40001' }],
    })
    svc.runtime.releaseAll()
    // Fewer sockets make mutations land on the other sections too.
    goodReport = {
      ...full,
      sockets: { ...full.sockets, entries: full.sockets.entries.slice(0, 3) },
    }
    try {
      parseReport(JSON.stringify(goodReport), 'trimmed')
    } catch {
      goodReport = full
    }
    goodFile = join(reports, 'good.json')
    writeFileSync(goodFile, renderReport(goodReport, 'json'))
    cliFdsBefore = openFdCount()
  })
  afterAll(() => {
    if (savedEnv === undefined) delete process.env['PORTWARDEN_STATE_DIR']
    else process.env['PORTWARDEN_STATE_DIR'] = savedEnv
  })

  it('the report fixture is a valid report and diffs clean against itself', async () => {
    expect(parseReport(readFileSync(goodFile, 'utf8'), 'good.json')).toEqual(goodReport)
    expect((await runCli(['diff', goodFile, goodFile])).code).toBe(0)
  })

  type JsonMutation =
    | { op: 'set'; path: number[]; value: unknown }
    | { op: 'delete'; path: number[] }
    | { op: 'key'; path: number[]; key: string; value: unknown }

  /** Walks `path` (indices into the keys at each level) and applies one change there. */
  function mutateJson(root: unknown, m: JsonMutation): unknown {
    if (root === undefined) return m.op === 'set' ? m.value : undefined // the root was deleted
    const copy = JSON.parse(JSON.stringify(root)) as unknown
    let parent: Record<string, unknown> | undefined
    let key = ''
    let node = copy
    for (const i of m.path) {
      if (!node || typeof node !== 'object') break
      const keys = Object.keys(node)
      if (keys.length === 0) break
      parent = node as Record<string, unknown>
      key = keys[i % keys.length]!
      node = parent[key]
    }
    if (m.op === 'key') {
      const target = node && typeof node === 'object' ? node : copy
      if (target && typeof target === 'object') withOwn(target, m.key, m.value)
    } else if (!parent) return m.op === 'set' ? m.value : undefined
    else if (m.op === 'set') parent[key] = m.value
    else delete parent[key]
    return copy
  }

  const jsonValue = fc.oneof(
    fc.constantFrom<unknown>(
      null,
      true,
      0,
      -1,
      1.5,
      65536,
      1e308,
      '',
      'x',
      '18446744073709551616',
      [],
      {},
      LONG,
    ),
    fc.jsonValue({ maxDepth: 3 }),
  )
  const jsonMutation: fc.Arbitrary<JsonMutation> = fc.oneof(
    fc.record({
      op: fc.constant('set' as const),
      path: fc.array(fc.nat(), { maxLength: 6 }),
      value: jsonValue,
    }),
    fc.record({
      op: fc.constant('delete' as const),
      path: fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
    }),
    fc.record({
      op: fc.constant('key' as const),
      path: fc.array(fc.nat(), { maxLength: 6 }),
      key: fc.constantFrom(...ADVERSARIAL_KEYS, 'extra'),
      value: jsonValue,
    }),
  )
  const reportText = fc.oneof(
    {
      weight: 3,
      arbitrary: fc
        .array(jsonMutation, { minLength: 1, maxLength: 3 })
        .map(
          (ms) => JSON.stringify(ms.reduce<unknown>((r, m) => mutateJson(r, m), goodReport)) ?? '',
        ),
    },
    {
      weight: 2,
      arbitrary: fc
        .array(textMutation(fc.string({ unit: 'binary', maxLength: 10 })), {
          minLength: 1,
          maxLength: 4,
        })
        .map((ms) => mutateText(JSON.stringify(goodReport, null, 2), ms)),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '',
        'null',
        '[]',
        '{}',
        '\uFEFF{}',
        '{"__proto__":{"polluted":true}}',
        '['.repeat(100_000),
        `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`,
        '{"version":1e999}',
        'x'.repeat(1_000_000),
      ),
    },
  )

  let fileNo = 0
  it('mutated report files: parseReport gives invalid-input or a report, `diff` exits 0/1/2, never a crash', async () => {
    let invalid = 0
    await fc.assert(
      fc.asyncProperty(reportText, async (text) => {
        const file = join(reports, `m${fileNo++}.json`)
        writeFileSync(file, text)
        let valid = true
        try {
          parseReport(text, file)
        } catch (err) {
          expect(err).toBeInstanceOf(PortwardenError)
          expect((err as PortwardenError).kind).toBe('invalid-input')
          valid = false
          invalid++
        }
        const { code } = await runCli(['diff', goodFile, file, '--json'])
        expect(valid ? [0, 1] : [2]).toContain(code)
      }),
      { numRuns: 300 },
    )
    expect(invalid).toBeGreaterThan(100)
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })

  // Option values a hostile user might type. `--out` only ever names files in the scratch
  // folder, and `reserve --start` never names a real port (so no host port is bound but the
  // wildcard blocks every test takes): everything else is random.
  const outFiles = () => [
    join(scratch, 'out', 'r.json'),
    join(scratch, 'out', 'r.csv'),
    join(scratch, 'out', 'r.html'),
    join(scratch, 'out', 'r.pdf'),
    join(scratch, 'out', 'r.exe'),
    join(scratch, 'missing-dir', 'r.json'),
    join(scratch, 'out'),
  ]
  const anyText = fc.oneof(
    fc.constantFrom(...(WEIRD_STRINGS as string[]).filter((s) => s.length < 1000)),
    fc.string({ unit: 'binary', maxLength: 16 }),
  )
  const notAPort = anyText.filter((s) => !/^\d+$/.test(s) || s === '0' || Number(s) > 65535)
  const generic = fc.oneof(
    anyText,
    fc.constantFrom(
      '--json',
      '--help',
      '-h',
      '--',
      '-',
      '--bogus',
      '--json=1',
      '--no-json',
      '-x',
      '--count',
    ),
  )
  const argvFor: Record<string, fc.Arbitrary<string[]>> = {
    reserve: fc
      .tuple(
        fc.option(
          fc.tuple(fc.constant('--protocol'), fc.oneof(fc.constantFrom('tcp', 'udp'), anyText)),
        ),
        fc.option(
          fc.tuple(
            fc.constant('--count'),
            fc.oneof(fc.constantFrom('1', '3', '0', '65536'), anyText),
          ),
        ),
        fc.option(fc.tuple(fc.constant('--start'), notAPort)),
        fc.array(
          generic.filter((s) => s !== '--count'),
          { maxLength: 2 },
        ),
      )
      .map(([p, c, s, rest]) => [...(p ?? []), ...(c ?? []), ...(s ?? []), ...rest]),
    reserved: fc
      .tuple(
        fc.oneof(fc.constantFrom('add', 'remove', 'list'), anyText),
        fc.oneof(fc.constantFrom('8000-8010', '8080', '10-1', '65530-70000', '0'), anyText),
        fc.array(fc.oneof(generic, fc.constant('--persist')), { maxLength: 2 }),
      )
      .map(([a, r, rest]) => [a, r, ...rest]),
    report: fc
      .tuple(
        fc.option(fc.tuple(fc.constant('--out'), fc.constantFrom(...outFiles()))),
        fc.option(
          fc.tuple(
            fc.constant('--format'),
            fc.oneof(fc.constantFrom('json', 'csv', 'html', 'pdf'), anyText),
          ),
        ),
        fc.option(fc.tuple(fc.constant('--watch'), anyText)),
        fc.array(generic, { maxLength: 2 }),
      )
      .map(([o, f, w, rest]) => [...(o ?? []), ...(f ?? []), ...(w ?? []), ...rest]),
    diff: fc.array(
      fc.oneof(
        fc.constantFrom(
          join(scratch, 'reports', 'good.json'),
          join(scratch, 'nope.json'),
          scratch,
          'relative-missing.json',
        ),
        generic,
      ),
      { maxLength: 3 },
    ),
    check: fc.array(
      fc.oneof(
        generic,
        fc.constantFrom(
          '--protocol',
          'udp',
          '3000,5432',
          '8000-8010',
          '0-10',
          '70000',
          '40000–40002',
        ),
      ),
      { maxLength: 4 },
    ),
    sockets: fc.array(
      fc.oneof(generic, fc.constantFrom('--port', '--process', '22', '99999', 'node')),
      { maxLength: 4 },
    ),
    list: fc.array(generic, { maxLength: 2 }),
    ranges: fc.array(generic, { maxLength: 2 }),
  }

  /** The CLI's own list of commands, from its --help. */
  async function cliCommands(): Promise<string[]> {
    const { out } = await runCli(['--help'])
    const section = out.split('Commands:')[1] ?? ''
    return [...section.matchAll(/^ {2}(\S+) {2,}/gm)].map((m) => m[1]!)
  }

  it('random argv: main() always returns 0, 1 or 2 and never throws', async () => {
    const commands = await cliCommands()
    expect(commands).toEqual(expect.arrayContaining(['reserve', 'report', 'diff', 'check']))
    // A command added after this test gets only --help and an unknown option until its safe
    // argv are described above.
    const argv = fc.oneof(
      ...commands.map((name) =>
        (argvFor[name] ?? fc.constantFrom(['--help'], ['--definitely-not-an-option'])).map(
          (rest) => [name, ...rest],
        ),
      ),
      fc.array(generic, { maxLength: 4 }),
    )
    const seen = new Map<string, number>()
    await fc.assert(
      fc.asyncProperty(argv, async (args) => {
        // Only the scratch folder may be written to: an --out anywhere else is never generated.
        const out = args.findIndex((a) => a === '--out' || a.startsWith('--out='))
        fc.pre(out < 0 || (args[0] === 'report' && outFiles().includes(args[out + 1] ?? '')))
        const { code } = await runCli(args)
        expect([0, 1, 2], JSON.stringify(args)).toContain(code)
        const key = `${commands.includes(args[0] ?? '') ? args[0] : '(other)'} → ${code}`
        seen.set(key, (seen.get(key) ?? 0) + 1)
      }),
      { numRuns: 400 },
    )
    const counts = [...seen].sort().map(([k, n]) => `${k}: ${n}`)
    console.log(`CLI random argv, exit code per command:\n  ${counts.join('\n  ')}`)
    expect(counts.some((c) => c.includes('→ 2'))).toBe(true)
  })

  it('afterwards: the host reserved-port list untouched, no descriptor leaked', () => {
    expect(readFileSync(RESERVED_SYSCTL, 'utf8')).toBe(hostReservedBefore)
    expect(existsSync('/etc/sysctl.d/60-portwarden-reserved-ports.conf.tmp')).toBe(false)
    expect(openFdCount()).toBe(cliFdsBefore)
    // What `reserved add|remove` asked for went to the recorder, never to the kernel.
    for (const w of sysctlWrites)
      expect(w).toEqual([expect.any(String), expect.any(Object), expect.any(Boolean)])
  })
})
