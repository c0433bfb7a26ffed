import iconv from 'iconv-lite'

/**
 * Console code pages netsh output is commonly written in: the OEM pages of the locales we
 * expect (US, Western European, Russian, Japanese, Simplified Chinese, Korean), the ANSI page
 * some redirections produce, and UTF-8 on systems with the "Beta: use Unicode UTF-8" option.
 */
export const COMMON_CODE_PAGES = [437, 850, 866, 932, 936, 949, 1252, 65001] as const

const UTF8 = 65001
const UTF16LE = 1200
const UTF16BE = 1201

/** iconv-lite's name for a Windows code page number, or undefined when it has no table for it. */
export function iconvEncodingFor(codePage: number): string | undefined {
  if (codePage === UTF8) return 'utf8'
  if (codePage === UTF16LE) return 'utf16le'
  if (codePage === UTF16BE) return 'utf16be'
  const name = `cp${codePage}`
  return Number.isInteger(codePage) && iconv.encodingExists(name) ? name : undefined
}

/**
 * Decodes console output written in `codePage`. A leading byte order mark is dropped. For a
 * code page we have no table for, the bytes are read as UTF-8 if they are valid UTF-8, and as
 * latin1 otherwise: latin1 never fails and keeps every ASCII byte (digits, `*`, `:`) intact,
 * which is all the netsh parsers rely on.
 */
export function decodeOem(bytes: Uint8Array, codePage: number): string {
  const encoding = iconvEncodingFor(codePage)
  const text = encoding ? iconv.decode(Buffer.from(bytes), encoding) : decodeUnknown(bytes)
  return text.replace(/^\uFEFF/, '')
}

function decodeUnknown(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return Buffer.from(bytes).toString('latin1')
  }
}

/**
 * The active code page from `chcp` output, in any language: "Active code page: 850",
 * "Page de codes active : 850", "Aktive Codepage: 850.", "現在のコード ページ: 932". Only the
 * number is read: the last run of ASCII digits. Raw bytes can be passed undecoded: in every
 * code page above the digits are the ASCII bytes 0x30–0x39, and no double-byte page (932, 936,
 * 949) uses those bytes inside a double-byte character.
 */
export function codePageFromChcp(output: Uint8Array | string): number | undefined {
  const text = typeof output === 'string' ? output : Buffer.from(output).toString('latin1')
  const digits = text.match(/\d+/g)?.at(-1)
  if (digits === undefined || digits.length > 5) return undefined
  const codePage = Number(digits)
  return codePage >= 1 && codePage <= 65535 ? codePage : undefined
}
