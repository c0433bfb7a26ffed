import type { z } from 'zod'
import type { Protocol } from '../../../shared/model'
import { DynamicRange, ExcludedRange, type IpFamily } from './netsh-types'

/**
 * Parsers for netsh's port-range output. netsh localizes every word (titles, column headings,
 * the footer), so these read only what every language shares: the numbers, the `*` that marks
 * an administered exclusion, and the colon before a dynamic-range value. Pass text already
 * decoded from the console code page (see ./oem-decode).
 */

/** A line that looked like data but could not be used, kept so the UI can say why. */
export interface ParseWarning {
  /** 1-based line number in the text; absent for a warning about the output as a whole. */
  lineNumber?: number
  line?: string
  reason: string
}

/** What `parseExcludedPortRanges` returns: the valid rows, in netsh's order, and the rest. */
export interface ExcludedRangesParse {
  ranges: ExcludedRange[]
  warnings: ParseWarning[]
}

/** A data row: start and end port, then optionally the administered marker. */
const DATA_ROW = /^(\d+)\s+(\d+)(?:\s+(\*))?$/
/** The rule under the column headings ("----------    --------"), the same in every language. */
const COLUMN_RULE = /^-+\s+-+$/

function linesOf(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)
}

function issuesOf(error: z.ZodError): string {
  return error.issues.map((issue) => issue.message).join('; ')
}

/**
 * Reads `netsh interface <family> show excludedportrange protocol=<protocol>` output. Never
 * throws: lines that start with a digit but are not a valid row (a truncated row, a port outside
 * 1–65535, a start after its end) are skipped and reported in `warnings`; headings, the rule and
 * the footer (`* - Administered port exclusions.`, which has no leading numbers) are ignored.
 * Output with no column rule and no rows gets one warning, since it is probably an error message
 * rather than an empty list.
 */
export function parseExcludedPortRanges(
  text: string,
  protocol: Protocol,
  family: IpFamily,
): ExcludedRangesParse {
  const ranges: ExcludedRange[] = []
  const warnings: ParseWarning[] = []
  let sawColumnRule = false
  linesOf(text).forEach((raw, index) => {
    const line = raw.trim()
    if (COLUMN_RULE.test(line)) sawColumnRule = true
    if (!/^\d/.test(line)) return
    const lineNumber = index + 1
    const row = DATA_ROW.exec(line)
    if (!row) {
      warnings.push({
        lineNumber,
        line: raw,
        reason: 'Not a row of two port numbers',
      })
      return
    }
    const parsed = ExcludedRange.safeParse({
      protocol,
      family,
      startPort: Number(row[1]),
      endPort: Number(row[2]),
      administered: row[3] === '*',
    })
    if (parsed.success) ranges.push(parsed.data)
    else warnings.push({ lineNumber, line: raw, reason: issuesOf(parsed.error) })
  })
  if (!sawColumnRule && ranges.length === 0 && warnings.length === 0 && text.trim() !== '') {
    warnings.push({
      reason: 'No port exclusion table found: this may be an error message',
    })
  }
  return { ranges, warnings }
}

/** The first integer after the first colon (ASCII or full-width) on a line, if any. */
function valueAfterColon(line: string): number | undefined {
  const colon = line.search(/[:：]/)
  if (colon < 0) return undefined
  const digits = /^\s*(\d+)/.exec(line.slice(colon + 1))?.[1]
  return digits === undefined ? undefined : Number(digits)
}

/**
 * Reads `netsh interface <family> show dynamicport <protocol>` output: two labelled lines in
 * any language ("Start Port      : 49152", "開始ポート      : 49152", "起始端口：49152"…). The
 * first integer after a colon is the start port, the second the number of ports. Throws an
 * Error when either number is missing or the range does not fit in 1–65535.
 */
export function parseDynamicPort(text: string, protocol: Protocol, family: IpFamily): DynamicRange {
  const values = linesOf(text)
    .map(valueAfterColon)
    .filter((value) => value !== undefined)
  const [startPort, count] = values
  if (startPort === undefined || count === undefined) {
    const excerpt = JSON.stringify(text.trim().slice(0, 120))
    throw new Error(
      `netsh dynamicport output for ${family} ${protocol} has ${values.length} of the 2 ` +
        `"label : number" lines (start port, number of ports); got ${excerpt}`,
    )
  }
  const parsed = DynamicRange.safeParse({ protocol, family, startPort, count })
  if (!parsed.success) {
    throw new Error(
      `netsh reported a dynamic ${family} ${protocol} range of ${count} ports from ${startPort}, ` +
        `which is not a valid range: ${issuesOf(parsed.error)}`,
    )
  }
  return parsed.data
}
