import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { DynamicRange, ExcludedRange, type IpFamily } from './netsh-types'
import type { Protocol } from '../../../shared/model'
import {
  DYNAMIC_PORT_QUERIES,
  EXCLUDED_RANGE_QUERIES,
  dynamicPortArgs,
  excludedPortRangeArgs,
} from './netsh-commands'
import { parseDynamicPort, parseExcludedPortRanges } from './netsh-parse'
import { COMMON_CODE_PAGES, codePageFromChcp, decodeOem, iconvEncodingFor } from './oem-decode'

const CORPUS_DIR = fileURLToPath(new URL('./__fixtures__/netsh/', import.meta.url))

type Row = [start: number, end: number, administered: boolean]
interface ExcludedCase {
  file: string
  codePage: number
  protocol: Protocol
  family: IpFamily
  /** Localized text the decoded file must contain: proof the code page was applied. */
  word: string
  rows: Row[]
}

const HYPER_V: Row[] = [
  [2869, 2869, false],
  [5357, 5357, false],
  [8005, 8104, false],
  [49709, 49808, false],
  [50000, 50059, true],
]

// prettier-ignore
const EXCLUDED: ExcludedCase[] = [
  { file: 'excluded-ipv4-tcp.en.cp437.txt', codePage: 437, protocol: 'tcp', family: 'ipv4', word: 'Administered', rows: [...HYPER_V, [50060, 50159, false]] },
  { file: 'excluded-ipv4-udp.en.cp437.txt', codePage: 437, protocol: 'udp', family: 'ipv4', word: 'Protocol udp', rows: [[5353, 5353, false], [54112, 54211, false], [54212, 54311, false], [60000, 60000, true]] },
  { file: 'excluded-ipv4-tcp-empty.en.cp437.txt', codePage: 437, protocol: 'tcp', family: 'ipv4', word: 'End Port', rows: [] },
  { file: 'excluded-ipv4-tcp.en.utf8.txt', codePage: 65001, protocol: 'tcp', family: 'ipv4', word: 'Start Port', rows: [[80, 80, false], [443, 443, true], [5357, 5357, false], [60000, 60099, false]] },
  { file: 'excluded-ipv6-tcp.de.cp850.txt', codePage: 850, protocol: 'tcp', family: 'ipv6', word: 'Portausschlüsse', rows: [[1433, 1433, true], [5357, 5357, false], [49676, 49775, false], [49776, 49875, false], [50000, 50059, true]] },
  { file: 'excluded-ipv4-tcp.de.cp1252.txt', codePage: 1252, protocol: 'tcp', family: 'ipv4', word: 'für das Protokoll', rows: [[80, 80, false], [5985, 5985, false], [47001, 47001, false], [50000, 50059, true]] },
  { file: 'excluded-ipv4-tcp.fr.cp850.txt', codePage: 850, protocol: 'tcp', family: 'ipv4', word: 'Port de début', rows: [[2869, 2869, false], [5357, 5357, false], [7680, 7680, true], [49690, 49789, false], [50000, 50059, true]] },
  { file: 'excluded-ipv4-tcp.zh.cp936.txt', codePage: 936, protocol: 'tcp', family: 'ipv4', word: '端口排除范围', rows: [[1080, 1179, false], [1180, 1279, false], [2869, 2869, false], [5357, 5357, false], [8005, 8104, false], [50000, 50059, true]] },
  { file: 'excluded-ipv4-udp.zh.utf8.txt', codePage: 65001, protocol: 'udp', family: 'ipv4', word: '管理的端口排除', rows: [[5050, 5050, false], [57216, 57315, false]] },
  { file: 'excluded-ipv4-tcp.ja.cp932.txt', codePage: 932, protocol: 'tcp', family: 'ipv4', word: 'ポート除外範囲', rows: HYPER_V },
  { file: 'excluded-ipv6-udp-empty.ja.utf8.txt', codePage: 65001, protocol: 'udp', family: 'ipv6', word: '除外ポート範囲', rows: [] },
  { file: 'excluded-ipv4-tcp.ko.cp949.txt', codePage: 949, protocol: 'tcp', family: 'ipv4', word: '포트 제외 범위', rows: [[3000, 3099, false], [5357, 5357, false], [8080, 8179, false], [50000, 50059, true]] },
  { file: 'excluded-ipv4-tcp.ru.cp866.txt', codePage: 866, protocol: 'tcp', family: 'ipv4', word: 'исключенных портов', rows: [[5357, 5357, false], [8005, 8104, false], [49709, 49808, false], [50000, 50059, true], [61440, 65535, false]] },
  { file: 'excluded-ipv4-tcp-odd-spacing.en.cp437.txt', codePage: 437, protocol: 'tcp', family: 'ipv4', word: 'Administered', rows: [[1, 1, false], [2869, 2869, false], [50000, 50059, true], [65535, 65535, true]] },
]

interface DynamicCase {
  file: string
  codePage: number
  protocol: Protocol
  family: IpFamily
  word: string
  startPort: number
  count: number
}

// prettier-ignore
const DYNAMIC: DynamicCase[] = [
  { file: 'dynamicport-ipv4-tcp.en.cp437.txt', codePage: 437, protocol: 'tcp', family: 'ipv4', word: 'Number of Ports', startPort: 49152, count: 16384 },
  { file: 'dynamicport-ipv4-udp.en.utf8.txt', codePage: 65001, protocol: 'udp', family: 'ipv4', word: 'Start Port', startPort: 10000, count: 1000 },
  { file: 'dynamicport-ipv4-tcp.de.cp850.txt', codePage: 850, protocol: 'tcp', family: 'ipv4', word: 'Anzahl von Ports', startPort: 1025, count: 64511 },
  { file: 'dynamicport-ipv4-tcp.fr.cp850.txt', codePage: 850, protocol: 'tcp', family: 'ipv4', word: 'Port de départ', startPort: 50000, count: 10000 },
  { file: 'dynamicport-ipv4-tcp.zh.cp936.txt', codePage: 936, protocol: 'tcp', family: 'ipv4', word: '启动端口', startPort: 1024, count: 15000 },
  { file: 'dynamicport-ipv6-tcp.zh.utf8.txt', codePage: 65001, protocol: 'tcp', family: 'ipv6', word: '起始端口：', startPort: 49152, count: 16384 },
  { file: 'dynamicport-ipv4-tcp.ja.cp932.txt', codePage: 932, protocol: 'tcp', family: 'ipv4', word: '動的ポートの範囲', startPort: 49152, count: 16384 },
  { file: 'dynamicport-ipv4-tcp.ko.cp949.txt', codePage: 949, protocol: 'tcp', family: 'ipv4', word: '동적 포트 범위', startPort: 20000, count: 45536 },
  { file: 'dynamicport-ipv4-tcp.ru.cp866.txt', codePage: 866, protocol: 'tcp', family: 'ipv4', word: 'динамических портов', startPort: 32768, count: 32768 },
]

const bytesOf = (file: string) => readFileSync(CORPUS_DIR + file)
const textOf = (c: { file: string; codePage: number }) => decodeOem(bytesOf(c.file), c.codePage)
const toRanges = (c: ExcludedCase): ExcludedRange[] =>
  c.rows.map(([startPort, endPort, administered]) => {
    return { protocol: c.protocol, family: c.family, startPort, endPort, administered }
  })

/** Every range a parse returns must be a valid ExcludedRange inside 1–65535. */
function expectValid(ranges: ExcludedRange[]) {
  for (const r of ranges) {
    expect(ExcludedRange.safeParse(r).success).toBe(true)
    expect(r.startPort >= 1 && r.endPort <= 65535 && r.startPort <= r.endPort).toBe(true)
  }
}

/** True when `part` appears in `whole` in the same order (not necessarily adjacent). */
function isSubsequence(part: ExcludedRange[], whole: ExcludedRange[]): boolean {
  let i = 0
  for (const r of whole) if (i < part.length && JSON.stringify(r) === JSON.stringify(part[i])) i++
  return i === part.length
}

describe('the netsh corpus', () => {
  it('has an expectation for every file, and a file for every expectation', () => {
    const onDisk = readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.txt'))
    const expected = [...EXCLUDED, ...DYNAMIC].map((c) => c.file)
    expect(onDisk.sort()).toEqual(expected.sort())
  })

  it.each([...EXCLUDED, ...DYNAMIC])('$file is stored in code page $codePage', (c) => {
    const text = textOf(c)
    expect(text).toContain(c.word)
    expect(text).not.toContain('\uFFFD')
    // A non-ASCII word in a legacy code page must not also read as UTF-8: the bytes are real OEM.
    if (c.codePage !== 65001 && [...c.word].some((ch) => ch.charCodeAt(0) > 0x7f)) {
      expect(bytesOf(c.file).toString('utf8')).not.toContain(c.word)
    }
  })
})

describe('parseExcludedPortRanges', () => {
  it.each(EXCLUDED)('reads $file exactly, with no warnings', (c) => {
    const { ranges, warnings } = parseExcludedPortRanges(textOf(c), c.protocol, c.family)
    expect(ranges).toEqual(toRanges(c))
    expect(warnings).toEqual([])
  })

  it('flags only the rows netsh marks with *', () => {
    const c = EXCLUDED.find((e) => e.file === 'excluded-ipv4-tcp.fr.cp850.txt')!
    const { ranges } = parseExcludedPortRanges(textOf(c), 'tcp', 'ipv4')
    expect(ranges.filter((r) => r.administered).map((r) => r.startPort)).toEqual([7680, 50000])
  })

  it('never takes the footer for data, in any language', () => {
    const footers = [
      '* - Administered port exclusions.',
      '* - Verwaltete Portausschlüsse.',
      '* - 管理的端口排除。',
      '*   2 administered exclusions 5 10',
      '  *  50000 50059',
    ]
    for (const footer of footers) {
      expect(parseExcludedPortRanges(`----    ----\r\n${footer}\r\n`, 'tcp', 'ipv4')).toEqual({
        ranges: [],
        warnings: [],
      })
    }
  })

  it('skips invalid rows and says which line and why', () => {
    const text = [
      'Start Port    End Port',
      '----------    --------',
      '         0           0',
      '     70000       70010',
      '      6000        5000',
      '      4000',
      '      1234        5678   extra',
      '99999999999999999999999 1',
      '      8080        8080     *',
    ].join('\r\n')
    const { ranges, warnings } = parseExcludedPortRanges(text, 'udp', 'ipv6')
    expect(ranges).toEqual([
      { protocol: 'udp', family: 'ipv6', startPort: 8080, endPort: 8080, administered: true },
    ])
    expect(warnings.map((w) => w.lineNumber)).toEqual([3, 4, 5, 6, 7, 8])
    expect(warnings[0]?.reason).toMatch(/Ports start at 1/)
    expect(warnings[1]?.reason).toMatch(/Ports end at 65535/)
    expect(warnings[2]?.reason).toMatch(/start port must not be after the end port/)
    expect(warnings[3]?.reason).toMatch(/Not a row of two port numbers/)
    expect(warnings[4]?.reason).toMatch(/Not a row of two port numbers/)
    expect(warnings[5]?.line).toBe('99999999999999999999999 1')
  })

  it('returns an empty list for empty output, header-only output and "no entries" text', () => {
    expect(parseExcludedPortRanges('', 'tcp', 'ipv4')).toEqual({ ranges: [], warnings: [] })
    expect(parseExcludedPortRanges('\r\n \r\n', 'tcp', 'ipv4')).toEqual({
      ranges: [],
      warnings: [],
    })
    const headerOnly = '\uFEFFProtokoll tcp\r\n\r\nStartport  Endport\r\n---------  -------\r\n'
    expect(parseExcludedPortRanges(headerOnly, 'tcp', 'ipv4')).toEqual({ ranges: [], warnings: [] })
    // Text with no table at all is still an empty list, but one that might hide an error.
    const noTable = parseExcludedPortRanges('Keine Einträge gefunden.\r\n', 'tcp', 'ipv4')
    expect(noTable.ranges).toEqual([])
    expect(noTable.warnings).toEqual([{ reason: expect.stringMatching(/No port exclusion table/) }])
  })

  it('copes with CR-only line ends, a BOM and non-breaking or ideographic spaces', () => {
    const text =
      '\uFEFF----\u3000----\r\u00a05357\u00a0\u00a05357\r\u3000\u300050000\t50059\u3000*\r'
    expect(parseExcludedPortRanges(text, 'tcp', 'ipv4').ranges).toEqual([
      { protocol: 'tcp', family: 'ipv4', startPort: 5357, endPort: 5357, administered: false },
      { protocol: 'tcp', family: 'ipv4', startPort: 50000, endPort: 50059, administered: true },
    ])
  })

  it('never throws on output cut off anywhere, and keeps every row before the cut', () => {
    fc.assert(
      fc.property(fc.constantFrom(...EXCLUDED), fc.nat(), (c, n) => {
        const text = textOf(c)
        const { ranges } = parseExcludedPortRanges(
          text.slice(0, n % (text.length + 1)),
          'tcp',
          'ipv4',
        )
        expectValid(ranges)
        // Only the last row can be partial; all rows before it are exactly the full output's.
        const full = parseExcludedPortRanges(text, 'tcp', 'ipv4').ranges
        expect(full.slice(0, Math.max(0, ranges.length - 1))).toEqual(ranges.slice(0, -1))
      }),
      { numRuns: 500 },
    )
  })

  it('never throws on garbage lines mixed in, and still finds every real row', () => {
    const numberLine = fc
      .tuple(
        fc.integer({ min: -5, max: 200_000 }),
        fc.integer({ min: -5, max: 200_000 }),
        fc.boolean(),
      )
      .map(([a, b, star]) => `${a} ${b}${star ? ' *' : ''}`)
    const garbage = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), numberLine)
    const insertion = fc.tuple(fc.nat(), garbage)
    fc.assert(
      fc.property(
        fc.constantFrom(...EXCLUDED),
        fc.array(insertion, { maxLength: 12 }),
        (c, adds) => {
          const lines = textOf(c).split('\r\n')
          for (const [at, line] of adds) lines.splice(at % (lines.length + 1), 0, line)
          const { ranges } = parseExcludedPortRanges(lines.join('\r\n'), c.protocol, c.family)
          expectValid(ranges)
          expect(isSubsequence(toRanges(c), ranges)).toBe(true)
        },
      ),
      { numRuns: 500 },
    )
  })

  it('never throws on arbitrary bytes decoded in any common code page', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 400 }),
        fc.constantFrom(...COMMON_CODE_PAGES),
        (b, cp) => {
          expectValid(parseExcludedPortRanges(decodeOem(b, cp), 'udp', 'ipv6').ranges)
        },
      ),
      { numRuns: 500 },
    )
  })
})

describe('parseDynamicPort', () => {
  it.each(DYNAMIC)('reads $file', (c) => {
    expect(parseDynamicPort(textOf(c), c.protocol, c.family)).toEqual({
      protocol: c.protocol,
      family: c.family,
      startPort: c.startPort,
      count: c.count,
    })
  })

  it.each([
    ['Start Port : 49152', 'Number of Ports : 16384'],
    ['Startport : 49152', 'Anzahl von Ports : 16384'],
    ['Port de départ : 49152', 'Nombre de ports : 16384'],
    ['起始端口      : 49152', '端口数        : 16384'],
    ['開始ポート : 49152', 'ポート数 : 16384'],
    ['시작 포트 : 49152', '포트 수 : 16384'],
    ['Начальный порт : 49152', 'Число портов : 16384'],
    ['起始端口：49152', '端口数：16384'],
    ['Start Port:49152  ', '\tNumber of Ports\t:\t16384\t'],
  ])('reads "%s" / "%s"', (first, second) => {
    const text = `\r\nProtocol tcp\r\n-------------\r\n${first}\r\n${second}\r\n`
    expect(parseDynamicPort(text, 'tcp', 'ipv4')).toEqual({
      protocol: 'tcp',
      family: 'ipv4',
      startPort: 49152,
      count: 16384,
    })
  })

  it('throws a clear Error when a number is missing', () => {
    expect(() => parseDynamicPort('', 'tcp', 'ipv4')).toThrow(/has 0 of the 2/)
    expect(() =>
      parseDynamicPort('Protocol tcp Dynamic Port Range\r\n----', 'udp', 'ipv6'),
    ).toThrow(/dynamicport output for ipv6 udp has 0 of the 2/)
    expect(() =>
      parseDynamicPort('Start Port : 49152\r\nNumber of Ports :', 'tcp', 'ipv4'),
    ).toThrow(/has 1 of the 2/)
  })

  it('throws a clear Error when the numbers are not a valid range', () => {
    expect(() => parseDynamicPort('a : 0\nb : 100', 'tcp', 'ipv4')).toThrow(/Ports start at 1/)
    expect(() => parseDynamicPort('a : 60000\nb : 10000', 'tcp', 'ipv4')).toThrow(/runs past port/)
    expect(() => parseDynamicPort('a : 1025\nb : 0', 'tcp', 'ipv4')).toThrow(/at least 1 port/)
  })

  it('either returns a valid range or throws an Error, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        try {
          expect(DynamicRange.safeParse(parseDynamicPort(text, 'udp', 'ipv4')).success).toBe(true)
        } catch (err) {
          expect(err).toBeInstanceOf(Error)
        }
      }),
    )
  })
})

describe('oem-decode', () => {
  it.each([
    ['Active code page: 850', 850],
    ['Page de codes active : 850', 850],
    ['Aktive Codepage: 850.', 850],
    ['現在のコード ページ: 932', 932],
    ['Active code page: 65001\r\n', 65001],
    ['', undefined],
    ['Active code page: 1234567', undefined],
  ])('reads the code page from chcp output %j', (output, codePage) => {
    expect(codePageFromChcp(output)).toBe(codePage)
  })

  it('reads the code page from undecoded chcp bytes', () => {
    expect(codePageFromChcp(iconv.encode('現在のコード ページ: 932\r\n', 'cp932'))).toBe(932)
    expect(codePageFromChcp(iconv.encode('Активная кодовая страница: 866\r\n', 'cp866'))).toBe(866)
  })

  it('has a decoder for every common code page', () => {
    for (const cp of COMMON_CODE_PAGES) expect(iconvEncodingFor(cp)).toBeDefined()
    expect(iconvEncodingFor(12345)).toBeUndefined()
  })

  it('falls back to UTF-8, then latin1, for a code page it does not know', () => {
    expect(decodeOem(Buffer.from('Größe 5357', 'utf8'), 12345)).toBe('Größe 5357')
    expect(decodeOem(Buffer.from([0x47, 0xfc, 0x20, 0x35]), 12345)).toBe('Gü 5')
  })

  it('drops a UTF-8 byte order mark', () => {
    expect(decodeOem(Buffer.from('\uFEFFStart', 'utf8'), 65001)).toBe('Start')
    expect(decodeOem(Buffer.from('\uFEFFStart', 'utf8'), 12345)).toBe('Start')
  })
})

describe('netsh commands', () => {
  it('builds the excludedportrange and dynamicport argument lists', () => {
    expect(excludedPortRangeArgs('ipv4', 'tcp')).toEqual([
      'interface',
      'ipv4',
      'show',
      'excludedportrange',
      'protocol=tcp',
    ])
    expect(excludedPortRangeArgs('ipv6', 'udp', 'persistent')).toEqual([
      'interface',
      'ipv6',
      'show',
      'excludedportrange',
      'protocol=udp',
      'store=persistent',
    ])
    expect(dynamicPortArgs('ipv6', 'tcp')).toEqual([
      'interface',
      'ipv6',
      'show',
      'dynamicport',
      'tcp',
    ])
  })

  it('lists every family × protocol once, in the default (active) store: no store= argument', () => {
    const unique = (qs: readonly { args: readonly string[] }[]) =>
      new Set(qs.map((q) => q.args.join(' '))).size
    expect(EXCLUDED_RANGE_QUERIES).toHaveLength(4)
    expect(unique(EXCLUDED_RANGE_QUERIES)).toBe(4)
    expect(
      EXCLUDED_RANGE_QUERIES.flatMap((q) => q.args).filter((a) => a.startsWith('store=')),
    ).toEqual([])
    expect(DYNAMIC_PORT_QUERIES).toHaveLength(4)
    expect(unique(DYNAMIC_PORT_QUERIES)).toBe(4)
  })
})
