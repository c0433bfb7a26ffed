/**
 * Makes text from the system (process names, command lines, user and host names, report fields)
 * safe to show: control characters (C0, DEL, C1), format characters (bidi overrides and
 * isolates, zero-width joiners) and line/paragraph separators become visible escapes, so a
 * process named "x\n  fix: rm -rf ~" cannot forge a line, and "\x1b]52;…" cannot set the
 * clipboard or retitle a terminal. Printable text, including non-Latin scripts, is unchanged.
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' }

/** Printable ASCII only: the common case, answered without the Unicode-aware scan. */
const PLAIN = /^[\x20-\x7e]*$/

export function visible(text: string): string {
  if (PLAIN.test(text)) return text
  return text.replace(UNSAFE, (c) => {
    const named = NAMED[c]
    if (named) return named
    const code = c.codePointAt(0) ?? 0
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`
  })
}
