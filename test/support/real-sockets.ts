import { execFile, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { promisify } from 'node:util'
import type { Protocol } from '../../src/shared/model'
import type { VerdictIntent } from '../../src/shared/verdict'

/**
 * Sockets made by another program (Python's socket module, test/support/sockets.py), so what
 * the verdicts are checked against does not share a line of code with Portwarden's probe.
 */
const SCRIPT = resolve('test/support/sockets.py')

export interface SocketSpec {
  protocol: Protocol
  address: string
  v6only?: boolean
  reuseaddr?: boolean
  reuseport?: boolean
  listen?: boolean
  connections?: number
  /** Leave a TIME_WAIT socket on the port (the listener closes the connection first). */
  timeWait?: boolean
}

export interface HeldSockets {
  pid: number
  port: number
  /** Per socket of the spec: "ok", or why it could not be made (e.g. "EADDRINUSE"). */
  made: string[]
  stop(): Promise<void>
}

/** Makes the sockets in a Python process (as `uid` if given), all on one port, until stop(). */
export function holdSockets(
  spec: { port?: number; sockets: SocketSpec[] },
  options: { uid?: number } = {},
): Promise<HeldSockets> {
  const child = spawn('/usr/bin/python3', [SCRIPT, 'hold', JSON.stringify(spec)], {
    stdio: ['pipe', 'pipe', 'pipe'],
    cwd: '/',
    ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.uid }),
  })
  const exited = new Promise<void>((done) => child.once('exit', () => done()))
  let stderr = ''
  child.stderr.on('data', (d) => (stderr += String(d)))
  return new Promise((done, fail) => {
    createInterface({ input: child.stdout }).once('line', (line) => {
      const r = JSON.parse(line) as Omit<HeldSockets, 'stop'>
      done({
        ...r,
        stop: async () => {
          child.stdin.end()
          await exited
        },
      })
    })
    child.once('exit', (code) => fail(new Error(`socket holder exited (${code}): ${stderr}`)))
  })
}

/** One real bind of a set: every socket of it is made together, then all are closed. */
export interface RealBind extends SocketSpec {
  port: number
}

let binder: { ask(line: string): Promise<string> } | undefined

/** One Python process, kept for the test file, that answers bind requests line by line. */
function sharedBinder() {
  if (binder) return binder
  const child = spawn('/usr/bin/python3', [SCRIPT, 'serve'], {
    stdio: ['pipe', 'pipe', 'inherit'],
    cwd: '/',
  })
  child.unref()
  ;(child.stdout as unknown as { unref?: () => void }).unref?.()
  ;(child.stdin as unknown as { unref?: () => void }).unref?.()
  const waiting: ((line: string) => void)[] = []
  createInterface({ input: child.stdout }).on('line', (line) => waiting.shift()?.(line))
  binder = {
    ask: (line) =>
      new Promise((done) => {
        waiting.push(done)
        child.stdin.write(`${line}\n`)
      }),
  }
  return binder
}

/** Tries each bind set in a Python process; "ok" or the first error's name, per set. */
export async function realBinds(sets: RealBind[][], options: { uid?: number } = {}) {
  if (options.uid === undefined)
    return JSON.parse(await sharedBinder().ask(JSON.stringify(sets))) as string[]
  const { stdout } = await promisify(execFile)(
    '/usr/bin/python3',
    [SCRIPT, 'try', JSON.stringify(sets)],
    { cwd: '/', uid: options.uid, gid: options.uid },
  )
  return JSON.parse(stdout) as string[]
}

const bindv6only = () => readFileSync('/proc/sys/net/ipv6/bindv6only', 'utf8').trim() !== '0'

/**
 * The sockets an intent means, as the README documents it: no address → 0.0.0.0 and an
 * IPv6-only [::], both held at once; an address → one socket of its family ("::" as the system
 * default makes it).
 */
export function bindSetOf(intent: VerdictIntent, protocol: Protocol, port: number): RealBind[] {
  const reuse = { reuseaddr: intent.reuse === 'addr', reuseport: intent.reuse === 'port' }
  if (intent.address === undefined) {
    return [
      { protocol, address: '0.0.0.0', port, ...reuse },
      { protocol, address: '::', port, v6only: true, ...reuse },
    ]
  }
  const v6 = intent.address.includes(':')
  const mapped = intent.address.toLowerCase().startsWith('::ffff:')
  return [
    { protocol, address: intent.address, port, v6only: v6 && !mapped && bindv6only(), ...reuse },
  ]
}

/** Real binds for every (intent, protocol) at `port`: "ok" or an error name each. */
export async function realBindsFor(
  intents: readonly VerdictIntent[],
  port: number,
  options: { uid?: number } = {},
): Promise<string[]> {
  const sets = intents.flatMap((i) =>
    (i.protocol === 'both' ? (['tcp', 'udp'] as const) : [i.protocol]).map((p) =>
      bindSetOf(i, p, port),
    ),
  )
  return realBinds(sets, options)
}
