import { spawn, type ChildProcess } from 'node:child_process'

/**
 * Starts another process listening on TCP `port` on `host` (0 = any port) and resolves with it
 * and the port once it listens. Fails fast, with the reason, when the listen fails (e.g. another
 * test run on the machine took the port first), instead of waiting for a timeout.
 */
export function startListener(
  port: number,
  host = '127.0.0.1',
): Promise<{ child: ChildProcess; port: number }> {
  const script =
    `const s = require('net').createServer()` +
    `.on('error', (e) => { console.error(e.code); process.exit(3) })` +
    `.listen(${port}, ${JSON.stringify(host)}, () => console.log(s.address().port))`
  const child = spawn(process.execPath, ['-e', script])
  return new Promise((resolve, reject) => {
    child.stdout.once('data', (d) => resolve({ child, port: Number(String(d).trim()) }))
    child.stderr.once('data', (d) =>
      reject(new Error(`listener on ${port} failed: ${String(d).trim()}`)),
    )
  })
}
