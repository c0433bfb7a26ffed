import { PortwardenError } from '../../src/shared/errors'

/** The PortwardenError `fn` throws; fails the test when it throws nothing or something else. */
export function portwardenErrorOf(fn: () => unknown): PortwardenError {
  try {
    fn()
  } catch (err) {
    if (err instanceof PortwardenError) return err
    throw err
  }
  throw new Error('expected a PortwardenError')
}
