/**
 * Lists sockets with owners through listSockets() and through `ss`, with BENCH_SOCKETS (10,000)
 * sockets open, and prints medians over BENCH_RUNS (15) runs:
 *   node --import tsx bench/list-sockets.ts
 */
import { execFileSync, spawnSync } from 'node:child_process'
import dgram from 'node:dgram'
import net from 'node:net'
import { pathToFileURL } from 'node:url'
import { listSockets } from '../src/main/platform/linux/sockets'

const SOCKETS = Number(process.env.BENCH_SOCKETS ?? 10_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 15)
const WARMUP = 2
const FD_LIMIT = Math.max(65_536, SOCKETS + 1_024) // node, tsx and ss need descriptors too

/** RLIMIT_NOFILE as a child shell inherits it: Node has no getrlimit, and raises soft to hard. */
const softFdLimit = () => Number(execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }))

/** Runs this script again under a raised limit; true when it did (this run then only waits). */
function reexecWithMoreDescriptors(): boolean {
  const limit = softFdLimit()
  if (limit >= SOCKETS + 1_024 || process.env.BENCH_REEXECED) return false
  console.log(`ulimit -n is ${limit}: running again under ulimit -n ${FD_LIMIT}`)
  const argv = [process.execPath, ...process.execArgv, ...process.argv.slice(1)]
  const tooLow = `{ echo 'the hard limit is too low: lower BENCH_SOCKETS' >&2; exit 1; }`
  const raise = `ulimit -n ${FD_LIMIT} || ${tooLow}`
  const child = spawnSync('sh', ['-c', `${raise}; exec "$@"`, 'sh', ...argv], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_REEXECED: '1' },
  })
  process.exitCode = child.status ?? 1
  return true
}

type Closer = () => Promise<void>

/** Half listening TCP, half bound UDP, on 127.0.0.1 with kernel-chosen ports. */
async function openSockets(count: number): Promise<Closer[]> {
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

interface Contender {
  label: string
  /** Lists once and returns how many sockets it saw. */
  run(): number
}

const ss = (flags: string): Contender => ({
  label: `ss ${flags}`,
  run() {
    const out = spawnSync('ss', [flags], { encoding: 'utf8', maxBuffer: 1 << 28 })
    if (out.status !== 0) throw new Error(`ss ${flags} failed: ${out.stderr}`)
    return out.stdout.split('\n').filter((line) => line.length > 0).length - 1 // header
  },
})

const contenders: Contender[] = [
  { label: 'listSockets() netlink + owners', run: () => listSockets().sockets.length },
  {
    label: 'listSockets() netlink, no owners',
    run: () => listSockets({ owners: false }).sockets.length,
  },
  {
    label: 'listSockets() /proc/net + owners',
    run: () => listSockets({ source: 'proc' }).sockets.length,
  },
  ss('-tuanp'),
  ss('-tuan'),
]

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2
}

/** Runs the contenders round-robin, so drift in the machine's load hits them all alike. */
function measure(): Map<string, { ms: number; seen: number }> {
  const times = new Map(contenders.map((c) => [c.label, [] as number[]]))
  const seen = new Map<string, number>()
  for (let i = 0; i < WARMUP + RUNS; i++) {
    for (const c of contenders) {
      const start = performance.now()
      seen.set(c.label, c.run())
      if (i >= WARMUP) times.get(c.label)?.push(performance.now() - start)
    }
  }
  return new Map(
    contenders.map((c) => [
      c.label,
      { ms: median(times.get(c.label) ?? []), seen: seen.get(c.label) ?? 0 },
    ]),
  )
}

export async function main(): Promise<void> {
  if (reexecWithMoreDescriptors()) return
  console.log(`opening ${SOCKETS} sockets (ulimit -n ${softFdLimit()})…`)
  const closers = await openSockets(SOCKETS)
  try {
    const results = measure()
    console.log(
      `\nmedians over ${RUNS} runs (${WARMUP} warm-up), one process, ${SOCKETS} sockets open:`,
    )
    for (const [label, r] of results) {
      console.log(`  ${label.padEnd(34)} ${r.ms.toFixed(1).padStart(7)} ms   ${r.seen} sockets`)
    }
    const ratio = (ours: string, theirs: string) => {
      const [a, b] = [results.get(ours)?.ms ?? NaN, results.get(theirs)?.ms ?? NaN]
      console.log(`  ${ours} / ${theirs}: ${(a / b).toFixed(2)}`)
    }
    console.log('\nratios (ours / ss; below 1 means faster than spawning ss):')
    ratio('listSockets() netlink + owners', 'ss -tuanp')
    ratio('listSockets() netlink, no owners', 'ss -tuan')
    ratio('listSockets() /proc/net + owners', 'ss -tuanp')
  } finally {
    await Promise.all(closers.map((close) => close()))
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err: unknown) => {
    console.error(err)
    process.exitCode = 1
  })
}
