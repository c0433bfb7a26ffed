import assert from 'node:assert/strict'
import { join } from 'node:path'
import koffi from 'koffi'
import { PortwardenError, type ErrorKind } from '../../src/shared/errors'

/**
 * Helpers for the Windows lane. These files run inside a Windows node.exe (under Wine on CI),
 * bundled by scripts/test-win.mjs, with node:test rather than vitest.
 */

/** Wine's version when this process runs under Wine (ntdll exports wine_get_version). */
export function wineVersion(): string | undefined {
  try {
    const get = koffi.load('ntdll.dll').func('const char *wine_get_version()') as () => string
    return get()
  } catch {
    return undefined
  }
}

/** The stand-in DLL: built by the lane script next to the bundle, or named by the environment. */
export const standinDll = (): string =>
  process.env.PORTWARDEN_STANDIN_DLL ?? join(__dirname, 'portpool.dll')

/** The stand-in's test hooks: not Windows API, a way to steer and inspect the model. */
export interface StandinHooks {
  /** Forgets every reservation, persistent ones included. */
  reset(): void
  setElevated(elevated: boolean): void
  setNextToken(token: bigint): void
  /** The model's reservations in host byte order: "tcp runtime 5000+10 token=…;". */
  describe(): string
}

export function standinHooks(path = standinDll()): StandinHooks {
  const lib = koffi.load(path)
  const reset = lib.func('void portpool_reset()')
  const setElevated = lib.func('void portpool_set_elevated(int value)')
  const setNextToken = lib.func('void portpool_set_next_token(uint64_t token)')
  const describe = lib.func('int portpool_describe(_Out_ uint8_t *buf, int len)')
  return {
    reset: () => reset(),
    setElevated: (elevated) => setElevated(elevated ? 1 : 0),
    setNextToken: (token) => setNextToken(token),
    describe() {
      const buf = Buffer.alloc(8192)
      const n = describe(buf, buf.length) as number
      return buf.toString('latin1', 0, n)
    },
  }
}

/** Asserts that `fn` throws a PortwardenError of `kind` whose message matches `message`. */
export function throwsKind(fn: () => unknown, kind: ErrorKind, message?: RegExp): PortwardenError {
  let caught: unknown
  try {
    fn()
  } catch (err) {
    caught = err
  }
  assert.ok(caught instanceof PortwardenError, `expected a PortwardenError, got ${String(caught)}`)
  assert.equal(caught.kind, kind, `${caught.message} (${caught.detail ?? 'no detail'})`)
  if (message) assert.match(caught.message, message)
  return caught
}
