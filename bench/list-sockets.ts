/**
 * Lists sockets with owners through listSockets() and through `ss`, with BENCH_SOCKETS (10,000)
 * sockets open, and prints medians over BENCH_RUNS (15) runs:
 *   node --import tsx bench/list-sockets.ts
 */
import { spawnSync } from 'node:child_process'
import { listSockets } from '../src/main/platform/linux/sockets'
import { openSockets, reexecWithMoreDescriptors, softFdLimit } from './open-sockets'
import { median, runWhenMain } from './stats'

const SOCKETS = Number(process.env.BENCH_SOCKETS ?? 10_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 15)
const WARMUP = 2

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
  if (reexecWithMoreDescriptors(SOCKETS)) return
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

runWhenMain(import.meta.url, main)
