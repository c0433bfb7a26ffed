/**
 * Runs the built main bundle under the stand-in `electron` module in a process of its own, so
 * tests can signal it: prints "ready" once the shell has started.
 *   node --import tsx test/support/shell-in-child.ts
 */
import { startShellInThisProcess } from './shell-in-process'

void startShellInThisProcess().then(() => {
  console.log('ready')
  setInterval(() => undefined, 1 << 30)
})
