import { readFileSync, writeFileSync } from 'node:fs'
import { createLinuxBackend } from '../../src/main/platform/linux'
import type { PortBackend } from '../../src/main/platform/backend'

/**
 * A backend for the inventory worker's tests, loaded inside the worker (backendModule): the
 * real Linux backend, except that each listing first reads the control file named by
 * PORTWARDEN_TEST_CONTROL and, on cue, hangs mid-poll ('hang', after writing "mid-poll" to
 * the file + ".state"), crashes the worker with an uncaught error ('crash'), or lists a
 * socket the contract refuses ('bad-record': port 70000), as a bug in a lister would.
 */
export function createBackend(): PortBackend {
  const real = createLinuxBackend()
  const control = process.env['PORTWARDEN_TEST_CONTROL']!
  return {
    ...real,
    listSockets() {
      const cue = readFileSync(control, 'utf8').trim()
      if (cue === 'hang') {
        writeFileSync(`${control}.state`, 'mid-poll')
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120_000)
      }
      if (cue === 'crash') {
        setImmediate(() => {
          throw new Error('the test crashed the worker')
        })
      }
      const listing = real.listSockets()
      if (cue !== 'bad-record') return listing
      const [first] = listing.sockets
      return {
        ...listing,
        sockets: [...listing.sockets, { ...first!, inode: 1, localPort: 70_000 }],
      }
    },
  }
}
