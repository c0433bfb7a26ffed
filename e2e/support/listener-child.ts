import { spawn, type ChildProcess } from 'node:child_process'

/**
 * Listens on 127.0.0.1 on the port given (0: one the kernel picks) and prints it, until killed. It writes the
 * port raw: console.log would colour a number under the runner's FORCE_COLOR.
 */
const LISTENER = `const s = require('net').createServer().listen(Number(process.argv[1]), '127.0.0.1', () => process.stdout.write(s.address().port + '\\n'))`

export interface ListenerChild {
  child: ChildProcess
  pid: number
  port: number
  /** Kills the child and resolves once it has exited (its socket is closed by then). */
  kill(): Promise<void>
}

/**
 * Starts another process (a real `node`, so it shows up as "node") holding a TCP listener on
 * `port`, or on one the kernel picks.
 */
export async function spawnListener(port = 0): Promise<ListenerChild> {
  const child = spawn(process.execPath, ['-e', LISTENER, String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    // Without the runner's NODE_OPTIONS (its loaders): the child is a plain node.
    env: { ...process.env, NODE_OPTIONS: '' },
  })
  const bound = await new Promise<number>((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`listener exited early (${code})`)))
    child.stdout!.once('data', (chunk: Buffer) => resolve(Number(String(chunk).trim())))
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return {
    child,
    pid: child.pid!,
    port: bound,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}
