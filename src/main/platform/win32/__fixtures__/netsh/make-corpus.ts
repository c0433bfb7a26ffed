/**
 * Re-makes the netsh output corpus next to this file, each .txt in the bytes of its console
 * code page (the `cpNNN` / `utf8` part of its name). Run: `npx tsx <this file>`.
 *
 * Layout follows real netsh: CRLF, a leading blank line, start ports right-aligned in 10 columns
 * and end ports in 12, `     *` after administered rows; some builds pad every table line with
 * trailing spaces. Where each language's wording comes from:
 * - en: seen quoted in many public issues (both commands).
 * - de: excludedportrange seen quoted in public notes; dynamicport only in other projects' tests.
 * - fr: excludedportrange title and headings seen in one public write-up; its footer and all of
 *   dynamicport are reconstructed.
 * - zh: both seen quoted publicly (the dynamic label is 启动端口). 起始端口 with a full-width colon
 *   is a synthetic variant.
 * - ja: dynamicport seen quoted publicly; excludedportrange headings seen in public guides, its
 *   title and footer only in other projects' tests.
 * - ko: excludedportrange seen quoted in several public posts; dynamicport reconstructed.
 * - ru: reconstructed; the headings match other projects' tests only.
 */
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import iconv from 'iconv-lite'
import { decodeOem, iconvEncodingFor } from '../../oem-decode'

type Row = [start: number, end: number, administered: boolean]

/** Rows written compactly: "5357 8005-8104 50000-50059*" (a lone port is a one-port range). */
function rows(spec: string): Row[] {
  return spec
    .split(' ')
    .filter(Boolean)
    .map((item) => {
      const [start = '', end = start] = item.replace('*', '').split('-')
      return [Number(start), Number(end), item.endsWith('*')]
    })
}

/** One language's excludedportrange wording; `title` takes the protocol, which netsh prints as is. */
interface ExcludedWording {
  title: (protocol: string) => string
  headings: string
  rule?: string
  footer: string
}

const EN: ExcludedWording = {
  title: (p) => `Protocol ${p} Port Exclusion Ranges`,
  headings: 'Start Port    End Port',
  footer: '* - Administered port exclusions.',
}
const DE: ExcludedWording = {
  title: (p) => `Portausschlussbereiche für das Protokoll "${p}"`,
  headings: 'Startport      Endport',
  footer: '* - Verwaltete Portausschlüsse.',
}
const FR: ExcludedWording = {
  title: (p) => `Protocole ${p} Plages d'exclusion de ports`,
  headings: 'Port de début    Port de fin',
  rule: '-------------    -----------',
  footer: '* - Exclusions de ports administrées.',
}
const ZH: ExcludedWording = {
  title: (p) => `协议 ${p} 端口排除范围`,
  headings: '开始端口    结束端口',
  footer: '* - 管理的端口排除。',
}
const JA: ExcludedWording = {
  title: (p) => `プロトコル ${p} ポート除外範囲`,
  headings: '開始ポート    終了ポート',
  footer: '* - 管理されている除外ポート。',
}
const KO: ExcludedWording = {
  title: (p) => `프로토콜 ${p} 포트 제외 범위`,
  headings: '시작 포트    끝 포트',
  footer: '* - 관리 포트 제외입니다.',
}
const RU: ExcludedWording = {
  title: (p) => `Диапазоны исключенных портов для протокола ${p}`,
  headings: 'Начальный порт    Конечный порт',
  footer: '* - Управляемые исключения портов.',
}

/** `padded`: every table line ends in spaces, as some Windows builds print it. */
function excluded(w: ExcludedWording, protocol: string, data: Row[], padded = false): string {
  const tail = padded ? '      ' : ''
  const row = ([start, end, admin]: Row) =>
    `${String(start).padStart(10)}${String(end).padStart(12)}${admin ? '     *' : tail}`
  const rule = w.rule ?? '----------    --------'
  const table = [w.headings + tail, rule + tail, ...data.map(row)]
  return ['', w.title(protocol), '', ...table, '', w.footer, '', ''].join('\r\n')
}

/** `labels`: the start-port and count labels, each with its padding and colon. */
function dynamic(title: string, labels: [string, string], start: number, count: number): string {
  const rule = '---------------------------------'
  return ['', title, rule, labels[0] + start, labels[1] + count, '', ''].join('\r\n')
}

const EN_DYNAMIC: [string, string] = ['Start Port      : ', 'Number of Ports : ']
const HYPER_V = '2869 5357 8005-8104 49709-49808 50000-50059*'
const BOM = '\uFEFF'

/** [file name, code page, text]. The test states what each must parse to. */
const CORPUS: [string, number, string][] = [
  ['excluded-ipv4-tcp.en.cp437.txt', 437, excluded(EN, 'tcp', rows(`${HYPER_V} 50060-50159`))],
  [
    'excluded-ipv4-udp.en.cp437.txt',
    437,
    excluded(EN, 'udp', rows('5353 54112-54211 54212-54311 60000*'), true),
  ],
  ['excluded-ipv4-tcp-empty.en.cp437.txt', 437, excluded(EN, 'tcp', [], true)],
  [
    'excluded-ipv4-tcp.en.utf8.txt',
    65001,
    BOM + excluded(EN, 'tcp', rows('80 443* 5357 60000-60099')),
  ],
  [
    'excluded-ipv6-tcp.de.cp850.txt',
    850,
    excluded(DE, 'tcp', rows('1433* 5357 49676-49775 49776-49875 50000-50059*')),
  ],
  [
    'excluded-ipv4-tcp.de.cp1252.txt',
    1252,
    excluded(DE, 'tcp', rows('80 5985 47001 50000-50059*')),
  ],
  [
    'excluded-ipv4-tcp.fr.cp850.txt',
    850,
    excluded(FR, 'tcp', rows('2869 5357 7680* 49690-49789 50000-50059*')),
  ],
  [
    'excluded-ipv4-tcp.zh.cp936.txt',
    936,
    excluded(ZH, 'tcp', rows('1080-1179 1180-1279 2869 5357 8005-8104 50000-50059*')),
  ],
  ['excluded-ipv4-udp.zh.utf8.txt', 65001, excluded(ZH, 'udp', rows('5050 57216-57315'))],
  ['excluded-ipv4-tcp.ja.cp932.txt', 932, excluded(JA, 'tcp', rows(HYPER_V))],
  [
    'excluded-ipv6-udp-empty.ja.utf8.txt',
    65001,
    // A second title wording, with の, as one public guide shows it.
    BOM + excluded({ ...JA, title: (p) => `プロトコル ${p} の除外ポート範囲` }, 'udp', []),
  ],
  [
    'excluded-ipv4-tcp.ko.cp949.txt',
    949,
    excluded(KO, 'tcp', rows('3000-3099 5357 8080-8179 50000-50059*')),
  ],
  [
    'excluded-ipv4-tcp.ru.cp866.txt',
    866,
    excluded(RU, 'tcp', rows('5357 8005-8104 49709-49808 50000-50059* 61440-65535')),
  ],
  [
    'excluded-ipv4-tcp-odd-spacing.en.cp437.txt',
    437,
    '\nProtocol tcp Port Exclusion Ranges\n\nStart Port\tEnd Port\n----------\t--------   \n1\t1\n\n' +
      '  2869 \t 2869  \n\t50000\t50059\t*\n    65535      65535  *   \n\n\n' +
      '* - Administered port exclusions.   \n',
  ],
  [
    'dynamicport-ipv4-tcp.en.cp437.txt',
    437,
    dynamic('Protocol tcp Dynamic Port Range', EN_DYNAMIC, 49152, 16384),
  ],
  [
    'dynamicport-ipv4-udp.en.utf8.txt',
    65001,
    dynamic('Protocol udp Dynamic Port Range', EN_DYNAMIC, 10000, 1000),
  ],
  [
    'dynamicport-ipv4-tcp.de.cp850.txt',
    850,
    dynamic(
      'Protokoll tcp Dynamischer Portbereich',
      ['Startport       : ', 'Anzahl von Ports: '],
      1025,
      64511,
    ),
  ],
  [
    'dynamicport-ipv4-tcp.fr.cp850.txt',
    850,
    dynamic(
      'Plage de ports dynamiques du protocole tcp',
      ['Port de départ      : ', 'Nombre de ports     : '],
      50000,
      10000,
    ),
  ],
  [
    'dynamicport-ipv4-tcp.zh.cp936.txt',
    936,
    dynamic('协议 tcp 动态端口范围', ['启动端口        : ', '端口数          : '], 1024, 15000),
  ],
  [
    'dynamicport-ipv6-tcp.zh.utf8.txt',
    65001,
    dynamic('协议 tcp 动态端口范围', ['起始端口：', '端口数：'], 49152, 16384),
  ],
  [
    'dynamicport-ipv4-tcp.ja.cp932.txt',
    932,
    dynamic(
      'プロトコル tcp の動的ポートの範囲',
      ['開始ポート      : ', 'ポート数        : '],
      49152,
      16384,
    ),
  ],
  [
    'dynamicport-ipv4-tcp.ko.cp949.txt',
    949,
    dynamic(
      '프로토콜 tcp 동적 포트 범위',
      ['시작 포트      : ', '포트 수        : '],
      20000,
      45536,
    ),
  ],
  [
    'dynamicport-ipv4-tcp.ru.cp866.txt',
    866,
    dynamic(
      'Диапазон динамических портов протокола tcp',
      ['Начальный порт      : ', 'Число портов        : '],
      32768,
      32768,
    ),
  ],
]

const here = fileURLToPath(new URL('.', import.meta.url))
for (const [name, codePage, text] of CORPUS) {
  const encoding = iconvEncodingFor(codePage)
  if (!encoding) throw new Error(`${name}: no encoder for code page ${codePage}`)
  const bytes = iconv.encode(text, encoding)
  // iconv-lite writes '?' for characters a code page lacks; refuse to store a mangled fixture.
  if (decodeOem(bytes, codePage) !== text.replace(/^\uFEFF/, '')) {
    throw new Error(`${name}: code page ${codePage} cannot represent this text`)
  }
  writeFileSync(here + name, bytes)
}
console.log(`wrote ${CORPUS.length} files to ${here}`)
