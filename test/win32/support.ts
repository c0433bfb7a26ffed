import assert from 'node:assert/strict'
import { join } from 'node:path'
import koffi from 'koffi'
import { PortwardenError, type ErrorKind } from '../../src/shared/errors'

/**
 * Helpers for the Windows lane. These files run inside a Windows node.exe — under Wine here,
 * on a real Windows runner in CI — bundled by scripts/test-win.mjs, with node:test.
 *
 * One environment variable picks the DLLs the port-pool tests load:
 *   PORTWARDEN_WIN_DLLS=standin (default): test/win32/standin/portpool.c, a model of Windows;
 *   PORTWARDEN_WIN_DLLS=real: the system's ws2_32.dll and iphlpapi.dll (the CI Windows job).
 * The same test files run in both; tests that inspect the model's state skip with that reason
 * on real DLLs, and tests of the real system skip on the stand-in.
 */
export const DLL_MODE: 'standin' | 'real' =
  process.env.PORTWARDEN_WIN_DLLS === 'real' ? 'real' : 'standin'
export const REAL_DLLS = DLL_MODE === 'real'

/** Wine's version when this process runs under Wine (ntdll exports wine_get_version). */
export function wineVersion(): string | undefined {
  try {
    const get = koffi.load('ntdll.dll').func('const char *wine_get_version()') as () => string
    return get()
  } catch {
    return undefined
  }
}

/** Whether this is a Windows node.exe at all (under Wine or not). */
export const onWindows = process.platform === 'win32'

/** The prefix every test of the port pool carries: which Windows it talks to. */
export const POOL_LANE = REAL_DLLS ? 'real Windows:' : 'stand-in DLL (model of Windows):'
/** The prefix of tests against the system's own DLLs (Wine's, or real Windows'). */
export const SYSTEM_LANE = wineVersion() ? 'wine ws2_32:' : 'real Windows:'

/** The stand-in DLL: built by the lane script next to the bundle, or named by the environment. */
export const standinDll = (): string =>
  process.env.PORTWARDEN_STANDIN_DLL ?? join(__dirname, 'portpool.dll')

/** The DLL paths the port-pool tests pass to createWin32Backend / bindWs2_32. */
export const poolDlls = (): { ws2_32?: string; iphlpapi?: string } =>
  REAL_DLLS ? {} : { ws2_32: standinDll(), iphlpapi: standinDll() }

/** Skip options for a test that inspects or steers the stand-in's model state. */
export const modelOnly = {
  skip: REAL_DLLS ? 'inspects the stand-in model (real DLLs in use)' : false,
}
/** Skip options for a test of the real Windows system. */
export const realOnly = {
  skip: REAL_DLLS && !wineVersion() ? false : 'needs real Windows (PORTWARDEN_WIN_DLLS=real)',
}

/** The stand-in's test hooks: not Windows API, a way to steer and inspect the model. */
export interface StandinHooks {
  /** Forgets every reservation, persistent ones included. */
  reset(): void
  setElevated(elevated: boolean): void
  setNextToken(token: bigint): void
  /** The model's reservations in host byte order: "tcp runtime 5000+10 token=…;". */
  describe(): string
}

/** No-op hooks on real DLLs, so shared set-up code runs unchanged. */
const NO_HOOKS: StandinHooks = {
  reset: () => {},
  setElevated: () => {},
  setNextToken: () => {},
  describe: () => '',
}

export function standinHooks(): StandinHooks {
  if (REAL_DLLS) return NO_HOOKS
  const lib = koffi.load(standinDll())
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
