import { spawn, type ChildProcess } from 'node:child_process'
import { realBind } from './real-bind'

/**
 * A TCP listener in another program and, optionally, as another user: Debian's python3 (not node,
 * so process names and command lines differ from the test runner's), on 0.0.0.0, printing its
 * port. `ignoreTerm` makes it ignore SIGTERM, as a stuck server does.
 */
const SCRIPT = `
import signal, socket, sys, time
if sys.argv[2] == 'ignore-term':
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.bind(('0.0.0.0', int(sys.argv[1])))
s.listen(8)
print(s.getsockname()[1], flush=True)
while True:
    time.sleep(3600)
`

export interface PythonListener {
  child: ChildProcess
  pid: number
  port: number
  /** Whether the process has exited (its exit was seen). */
  exited(): boolean
  /** SIGKILLs it if still there and waits for the exit. */
  stop(): Promise<void>
}

/**
 * A port in 20000–29999 that binds right now: outside the dynamic range that other tests' bind(0)
 * and connections draw from, and below where wildcard reservations start, so a test that frees it
 * and binds it again does not race the rest of the suite for it.
 */
export function quietPort(): number {
  for (;;) {
    const port = 20000 + Math.floor(Math.random() * 10000)
    if (realBind('tcp', port) === 'ok') return port
  }
}

export async function startPythonListener(
  options: { port?: number; uid?: number; ignoreTerm?: boolean } = {},
): Promise<PythonListener> {
  const uid = options.uid
  const child = spawn(
    '/usr/bin/python3',
    [
      '-c',
      SCRIPT,
      String(options.port ?? quietPort()),
      options.ignoreTerm ? 'ignore-term' : 'plain',
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(uid === undefined ? {} : { uid, gid: uid }),
      cwd: '/',
    },
  )
  let done = false
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      done = true
      resolve()
    }),
  )
  const port = await new Promise<number>((resolve, reject) => {
    let err = ''
    child.stderr!.on('data', (d: Buffer) => (err += String(d)))
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`python3 listener exited (${code}): ${err}`)))
    child.stdout!.once('data', (d: Buffer) => resolve(Number(String(d).trim())))
  })
  return {
    child,
    pid: child.pid!,
    port,
    exited: () => done,
    stop: async () => {
      if (!done) child.kill('SIGKILL')
      await exit
    },
  }
}
