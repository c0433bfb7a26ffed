import { afterEach } from 'vitest'
import { startPythonListener, type PythonListener } from './python-listener'

/**
 * For a vitest file: a function that starts python3 listeners, each stopped after the test that
 * started it (the e2e specs use startPythonListener with their own fixtures).
 */
export function pythonListenersPerTest(): (
  options?: Parameters<typeof startPythonListener>[0],
) => Promise<PythonListener> {
  const started: PythonListener[] = []
  afterEach(async () => {
    await Promise.all(started.splice(0).map((l) => l.stop()))
  })
  return async (options = {}) => {
    const l = await startPythonListener(options)
    started.push(l)
    return l
  }
}
