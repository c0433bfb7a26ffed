import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { visible } from './visible'

describe('visible(): system text made safe for a terminal', () => {
  it.each([
    ['postgres', 'postgres'],
    ['nginx: worker', 'nginx: worker'],
    ['a\nfix: kill 1', 'a\\nfix: kill 1'],
    ['\x1b]0;pwned\x07', '\\x1b]0;pwned\\x07'],
    ['\x1b]52;c;ZXZpbA==\x07', '\\x1b]52;c;ZXZpbA==\\x07'],
    ['\u009b31m', '\\x9b31m'],
    ['evil\u202Egnp.exe', 'evil\\u{202e}gnp.exe'],
    ['zero\u200Bwidth', 'zero\\u{200b}width'],
    ['line\u2028sep', 'line\\u{2028}sep'],
    ['дрова 日本語 émoji 🚀', 'дрова 日本語 émoji 🚀'],
  ])('%j → %j', (raw, shown) => expect(visible(raw)).toBe(shown))

  it('never lets a control, format or separator character through', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(visible(s)).not.toMatch(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u)
      }),
    )
  })
})
