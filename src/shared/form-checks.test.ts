import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { reserveIssues, reservedChangeIssues, watchedPortIssue } from './form-checks'
import { ReserveRequest } from './model'
import { ReservedChange } from './reserved-change'
import { WatchedPort } from './watch'

/** Numbers a form field can turn into: NaN from blanks, fractions, huge, negative, edges. */
const fieldNumber = fc.oneof(
  fc.integer({ min: -5, max: 70_000 }),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, 0, 1, 65535, 65536, 1.5, -0, 1e21),
  fc.double({ noNaN: false }),
)

/** zod's first message per field, as the forms show them. */
function zodIssues(r: {
  success: boolean
  error?: { issues: { path: PropertyKey[]; message: string }[] }
}) {
  const out: Record<string, string> = {}
  for (const i of r.error?.issues ?? []) {
    const field = String(i.path[0])
    out[field] ??= i.message
  }
  return out
}

describe('the renderer’s form checks say what the zod schemas say', () => {
  it('reserve form vs ReserveRequest', () => {
    fc.assert(
      fc.property(fieldNumber, fieldNumber, (startPort, count) => {
        const zod = zodIssues(ReserveRequest.safeParse({ protocol: 'tcp', startPort, count }))
        expect(reserveIssues(startPort, count)).toEqual(zod)
      }),
      { numRuns: 3000 },
    )
  })

  it('reserved-range form vs ReservedChange', () => {
    fc.assert(
      fc.property(fieldNumber, fieldNumber, (startPort, count) => {
        const zod = zodIssues(ReservedChange.safeParse({ startPort, count, persist: false }))
        expect(reservedChangeIssues(startPort, count)).toEqual(zod)
      }),
      { numRuns: 3000 },
    )
  })

  it('watch form vs WatchedPort (first issue)', () => {
    const label = fc.option(
      fc.oneof(fc.string({ maxLength: 100 }), fc.string({ unit: 'binary', maxLength: 90 })),
      { nil: undefined },
    )
    fc.assert(
      fc.property(fieldNumber, label, (port, l) => {
        const r = WatchedPort.safeParse({ protocol: 'udp', port, label: l })
        expect(watchedPortIssue(port, l)).toBe(r.success ? undefined : r.error.issues[0]!.message)
      }),
      { numRuns: 3000 },
    )
  })
})
