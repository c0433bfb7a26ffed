import type { z } from 'zod'
import { invalidInput } from './errors'

/** Parses `value` with `schema`, or throws an 'invalid-input' PortwardenError naming the problem. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const r = schema.safeParse(value)
  if (!r.success) throw invalidInput(r.error.issues)
  return r.data
}
