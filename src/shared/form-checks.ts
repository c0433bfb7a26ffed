import { MAX_PORT } from './ports'

/**
 * The renderer's forms check their fields with these small pure functions instead of the zod
 * schemas (which stay out of the page: main parses every input anyway). Each says what the
 * matching schema says, message for message; form-checks.test.ts holds them to that.
 */

interface NumberRules {
  notNumber: string
  notWhole: string
  min: [number, string]
  max: [number, string]
}

/** The first rule `n` breaks, as zod's number checks would report it. */
function numberIssue(n: number, r: NumberRules): string | undefined {
  if (typeof n !== 'number' || !Number.isFinite(n)) return r.notNumber
  if (!Number.isSafeInteger(n)) return r.notWhole // zod's int(): safe integers only
  if (n < r.min[0]) return r.min[1]
  if (n > r.max[0]) return r.max[1]
  return undefined
}

const port: NumberRules = {
  notNumber: 'A port must be a number',
  notWhole: 'A port must be a whole number',
  min: [1, 'Ports start at 1'],
  max: [MAX_PORT, `Ports end at ${MAX_PORT}`],
}

export type FieldIssues<F extends string> = Partial<Record<F, string>>

/** model.ts ReserveRequest's rules for startPort (0: any free block) and count. */
export function reserveIssues(
  startPort: number,
  count: number,
): FieldIssues<'startPort' | 'count'> {
  const range = 'The start port must be 1–65535, or 0 for any free block'
  const issues: FieldIssues<'startPort' | 'count'> = {
    startPort: numberIssue(startPort, {
      notNumber: 'The start port must be a number',
      notWhole: 'The start port must be a whole number',
      min: [0, range],
      max: [MAX_PORT, range],
    }),
    count: numberIssue(count, {
      notNumber: 'The count must be a number',
      notWhole: 'The count must be a whole number',
      min: [1, 'A block holds at least 1 port'],
      max: [MAX_PORT, `A block holds at most ${MAX_PORT} ports`],
    }),
  }
  // zod checks the whole object whenever both fields are whole numbers, even out-of-range ones.
  if (numbers(startPort, count) && startPort !== 0 && startPort + count - 1 > MAX_PORT)
    issues.count ??= `The block runs past port ${MAX_PORT}: start + count − 1 must be at most ${MAX_PORT}`
  return defined(issues)
}

/** reserved-change.ts ReservedChange's rules for startPort and count. */
export function reservedChangeIssues(
  startPort: number,
  count: number,
): FieldIssues<'startPort' | 'count'> {
  const issues: FieldIssues<'startPort' | 'count'> = {
    startPort: numberIssue(startPort, port),
    count: numberIssue(count, {
      notNumber: 'The count must be a number',
      notWhole: 'The count must be a whole number',
      min: [1, 'A range holds at least 1 port'],
      max: [MAX_PORT, `A range holds at most ${MAX_PORT} ports`],
    }),
  }
  if (numbers(startPort, count) && startPort + count - 1 > MAX_PORT)
    issues.count ??= `The range runs past port ${MAX_PORT}`
  return defined(issues)
}

/** watch.ts WatchedPort's rules: the first issue, port before label, as zod lists them. */
export function watchedPortIssue(portNumber: number, label?: string): string | undefined {
  const portIssue = numberIssue(portNumber, port)
  if (portIssue) return portIssue
  if (label === undefined) return undefined
  if (label.length > 80) return 'A label holds at most 80 characters'
  if (!/^[^\p{Cc}\p{Cf}]*$/u.test(label))
    return 'A label cannot contain control or formatting characters'
  return undefined
}

/** Whether zod goes on to the object's own check: every field a whole number (range aside). */
const numbers = (...ns: number[]) => ns.every((n) => Number.isInteger(n))

function defined<F extends string>(issues: FieldIssues<F>): FieldIssues<F> {
  for (const k of Object.keys(issues) as F[]) if (issues[k] === undefined) delete issues[k]
  return issues
}
