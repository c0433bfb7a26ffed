import { PortwardenError } from './errors'
import { MAX_PORT } from './ports'

/**
 * Parses what a user types into a port check: "3000", "3000,5432,8080", "8000-8100", or a mix.
 * Returns the distinct ports in order, or throws 'invalid-input' naming the bad part.
 */
export function parsePortSpec(text: string, limit = MAX_PORT + 1): number[] {
  const ports = new Set<number>()
  const parts = text.split(/[,\s]+/).filter((p) => p !== '')
  if (parts.length === 0)
    throw new PortwardenError(
      'invalid-input',
      'Type a port, a list or a range, e.g. 3000,5432 or 8000-8100.',
    )
  for (const part of parts) {
    const m = /^(\d{1,5})(?:\s*[-–]\s*(\d{1,5}))?$/.exec(part)
    if (!m)
      throw new PortwardenError(
        'invalid-input',
        `"${part}" is not a port or a range like 8000-8100.`,
      )
    const start = Number(m[1])
    const end = m[2] === undefined ? start : Number(m[2])
    for (const p of [start, end]) {
      if (p < 1 || p > MAX_PORT)
        throw new PortwardenError('invalid-input', `Port ${p} is outside 1–${MAX_PORT}.`)
    }
    if (end < start) throw new PortwardenError('invalid-input', `The range ${part} runs backwards.`)
    for (let p = start; p <= end; p++) {
      ports.add(p)
      if (ports.size > limit)
        throw new PortwardenError('invalid-input', `At most ${limit} ports can be checked at once.`)
    }
  }
  return [...ports]
}
