/** Opening many sockets for the benchmarks, under a descriptor limit raised to fit them. */
import { execFileSync, spawnSync } from 'node:child_process'
import dgram from 'node:dgram'
import net from 'node:net'

/** RLIMIT_NOFILE as a child shell inherits it: Node has no getrlimit, and raises soft to hard. */
export const softFdLimit = (): number =>
  Number(execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }))

/**
 * Runs this script again under a limit that fits `sockets` descriptors (and Node's, tsx's and
 * the peers' own); true when it did (this run then only waits for that one).
 */
export function reexecWithMoreDescriptors(sockets: number): boolean {
  const limit = softFdLimit()
  if (limit >= sockets + 1_024 || process.env.BENCH_REEXECED) return false
  const wanted = Math.max(65_536, sockets + 1_024)
  console.log(`ulimit -n is ${limit}: running again under ulimit -n ${wanted}`)
  const argv = [process.execPath, ...process.execArgv, ...process.argv.slice(1)]
  const tooLow = `{ echo 'the hard limit is too low: lower BENCH_SOCKETS' >&2; exit 1; }`
  const raise = `ulimit -n ${wanted} || ${tooLow}`
  const child = spawnSync('sh', ['-c', `${raise}; exec "$@"`, 'sh', ...argv], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_REEXECED: '1' },
  })
  process.exitCode = child.status ?? 1
  return true
}

export type Closer = () => Promise<void>

/** Half listening TCP, half bound UDP, on 127.0.0.1 with kernel-chosen ports. */
export async function openSockets(count: number): Promise<Closer[]> {
  const closers: Closer[] = []
  for (let opened = 0; opened < count;) {
    const batch = Array.from({ length: Math.min(500, count - opened) }, (_, i) =>
      (opened + i) % 2 === 0 ? openTcpListener() : openUdpSocket(),
    )
    closers.push(...(await Promise.all(batch)))
    opened += batch.length
  }
  return closers
}

async function openTcpListener(): Promise<Closer> {
  const server = net.createServer()
  await new Promise<void>((done, fail) => server.once('error', fail).listen(0, '127.0.0.1', done))
  return () => new Promise((done) => server.close(() => done()))
}

async function openUdpSocket(): Promise<Closer> {
  const socket = dgram.createSocket('udp4')
  await new Promise<void>((done, fail) => socket.once('error', fail).bind(0, '127.0.0.1', done))
  return () => new Promise((done) => socket.close(() => done()))
}
