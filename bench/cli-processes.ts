/**
 * The command line as users run it: whole processes, medians over BENCH_RUNS (15) runs taken
 * round-robin with their peers in the same run, ratios printed with each one's peak memory
 * (max RSS, from GNU time):
 *   portwarden --version            vs `node -e 0`                 target ≤ 2×
 *   portwarden check N (idle host)  vs `node -e 0`                 target ≤ 2×
 *   portwarden sockets, 10,000 open vs `ss -tuanp`                 target ≤ 1.0×, ≤ 80 MB
 *   node --import tsx bench/cli-processes.ts
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { openSockets, reexecWithMoreDescriptors } from './open-sockets'
import { median, runWhenMain } from './stats'

const SOCKETS = Number(process.env.BENCH_SOCKETS ?? 10_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 15)
const WARMUP = 2
const BIN = resolve('bin/portwarden.mjs')
const GNU_TIME = '/usr/bin/time'

interface Contender {
  label: string
  argv: string[]
}
interface Figures {
  ms: number
  peakMb: number | undefined
}

/** One run of a whole process: wall time, and max RSS when GNU time is there to tell it. */
function runOnce(argv: string[]): Figures {
  const timed = existsSync(GNU_TIME)
  const cmd = timed ? [GNU_TIME, '-f', '%M', ...argv] : argv
  const start = performance.now()
  const r = spawnSync(cmd[0]!, cmd.slice(1), { encoding: 'utf8', maxBuffer: 1 << 28 })
  const ms = performance.now() - start
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')} failed: ${r.stderr}`)
  const kb = timed ? Number(r.stderr.trim().split('\n').at(-1)) : NaN
  return { ms, peakMb: Number.isFinite(kb) ? kb / 1024 : undefined }
}

function measure(contenders: Contender[]): Map<string, Figures> {
  const times = new Map(contenders.map((c) => [c.label, [] as number[]]))
  const peaks = new Map(contenders.map((c) => [c.label, [] as number[]]))
  for (let i = 0; i < WARMUP + RUNS; i++)
    for (const c of contenders) {
      const f = runOnce(c.argv)
      if (i < WARMUP) continue
      times.get(c.label)!.push(f.ms)
      if (f.peakMb !== undefined) peaks.get(c.label)!.push(f.peakMb)
    }
  return new Map(
    contenders.map((c) => [
      c.label,
      {
        ms: median(times.get(c.label)!),
        peakMb: peaks.get(c.label)!.length ? Math.max(...peaks.get(c.label)!) : undefined,
      },
    ]),
  )
}

const mb = (f: Figures) => (f.peakMb === undefined ? 'peak n/a' : `peak ${f.peakMb.toFixed(0)} MB`)

function ratioLine(
  results: Map<string, Figures>,
  ours: string,
  peer: string,
  target: number,
  memoryTarget?: number,
) {
  const a = results.get(ours)!
  const b = results.get(peer)!
  const ratio = a.ms / b.ms
  const memoryOk = memoryTarget === undefined || (a.peakMb ?? 0) <= memoryTarget
  const verdict = ratio <= target && memoryOk ? 'meets' : 'MISSES'
  console.log(
    `  ${ours} / ${peer}: ${ratio.toFixed(2)}× (${a.ms.toFixed(0)} ms, ${mb(a)} vs ` +
      `${b.ms.toFixed(0)} ms, ${mb(b)}) — target ≤ ${target}×` +
      `${memoryTarget ? ` and ≤ ${memoryTarget} MB` : ''}: ${verdict}`,
  )
}

export async function main(): Promise<void> {
  if (reexecWithMoreDescriptors(SOCKETS)) return
  if (!existsSync('out/cli/portwarden.mjs'))
    spawnSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'inherit' })
  const node = { label: '`node -e 0`', argv: [process.execPath, '-e', '0'] }
  const cli = (...args: string[]) => [process.execPath, BIN, ...args]

  const idle = measure([
    node,
    { label: '`portwarden --version`', argv: cli('--version') },
    { label: '`portwarden check 45681`', argv: cli('check', '45681') },
  ])
  console.log(`\nwhole processes, medians over ${RUNS} runs, idle host:`)
  ratioLine(idle, '`portwarden --version`', '`node -e 0`', 2)
  ratioLine(idle, '`portwarden check 45681`', '`node -e 0`', 2)

  console.log(`\nopening ${SOCKETS} sockets…`)
  const closers = await openSockets(SOCKETS)
  try {
    const busy = measure([
      { label: '`ss -tuanp`', argv: ['ss', '-tuanp'] },
      { label: '`portwarden sockets`', argv: cli('sockets') },
      node,
    ])
    console.log(`whole processes, medians over ${RUNS} runs, ${SOCKETS} sockets open:`)
    ratioLine(busy, '`portwarden sockets`', '`ss -tuanp`', 1.0, 80)
    // The floor any Node program starts from, beside the kernel work it shares with ss.
    const floor = busy.get(node.label)!.ms / busy.get('`ss -tuanp`')!.ms
    console.log(`  Node's own start-up alone (\`node -e 0\`) / \`ss -tuanp\`: ${floor.toFixed(2)}×`)
  } finally {
    await Promise.all(closers.map((close) => close()))
  }
}

runWhenMain(import.meta.url, main)
