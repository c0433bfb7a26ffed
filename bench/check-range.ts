/**
 * `portwarden check 1-65535 --json` with 10,000 sockets open (half TCP listeners, half UDP, on
 * 127.0.0.1), as whole processes, against `ss -tuanp` in the same run, round-robin, medians
 * over BENCH_RUNS (9). Also prints the floor no full-range check can go under: the same test
 * binds in C (bench/baseline/probe-range.c), one socket per port.
 *   node --import tsx bench/check-range.ts
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { openSockets, reexecWithMoreDescriptors } from './open-sockets'
import { median, runWhenMain } from './stats'

const SOCKETS = Number(process.env.BENCH_SOCKETS ?? 10_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 9)
const WARMUP = 1
const BIN = resolve('bin/portwarden.mjs')

function buildFloor(): string {
  const exe = join(mkdtempSync(join(tmpdir(), 'portwarden-bench-')), 'probe-range')
  execFileSync('cc', ['-O2', '-o', exe, resolve('bench/baseline/probe-range.c')])
  return exe
}

interface Contender {
  label: string
  argv: string[]
  /** Checks the output once, so a broken run is not timed as a fast one. */
  check?: (stdout: string) => void
}

function timeOnce(c: Contender): number {
  const start = performance.now()
  const r = spawnSync(c.argv[0]!, c.argv.slice(1), { encoding: 'utf8', maxBuffer: 1 << 30 })
  const elapsed = performance.now() - start
  if (r.status !== 0 && r.status !== 1) throw new Error(`${c.label} failed: ${r.stderr}`)
  c.check?.(r.stdout)
  delete c.check
  return elapsed
}

export async function main(): Promise<void> {
  if (reexecWithMoreDescriptors(SOCKETS)) return
  if (!existsSync('out/cli/portwarden.mjs'))
    spawnSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'inherit' })
  const floor = buildFloor()
  console.log(`opening ${SOCKETS} sockets…`)
  const closers = await openSockets(SOCKETS)
  try {
    const contenders: Contender[] = [
      { label: '`ss -tuanp`', argv: ['ss', '-tuanp'] },
      {
        label: '`portwarden check 1-65535 --json`',
        argv: [process.execPath, BIN, 'check', '1-65535', '--json'],
        check(stdout) {
          const verdicts = JSON.parse(stdout) as { bindable: boolean }[]
          const refused = verdicts.filter((v) => !v.bindable).length
          if (verdicts.length !== 65_535) throw new Error(`${verdicts.length} verdicts`)
          console.log(
            `  (${refused} of 65,535 TCP ports not bindable; ${(stdout.length / 1e6).toFixed(1)} MB of JSON)`,
          )
        },
      },
      { label: 'C floor: the same test binds, raw syscalls', argv: [floor] },
    ]
    const times = new Map(contenders.map((c) => [c.label, [] as number[]]))
    for (let i = 0; i < WARMUP + RUNS; i++)
      for (const c of contenders) {
        const t = timeOnce(c)
        if (i >= WARMUP) times.get(c.label)!.push(t)
      }
    const m = (label: string) => median(times.get(label)!)
    const [ss, ours, c] = contenders.map((x) => m(x.label)) as [number, number, number]
    console.log(`whole processes, medians over ${RUNS} runs, ${SOCKETS} sockets open:`)
    console.log(`  \`ss -tuanp\`:                          ${ss.toFixed(0)} ms`)
    console.log(`  \`portwarden check 1-65535 --json\`:    ${ours.toFixed(0)} ms`)
    console.log(`  C floor (65,535 test binds, no Node): ${c.toFixed(0)} ms`)
    const ratio = ours / ss
    console.log(
      `  check 1-65535 / ss -tuanp: ${ratio.toFixed(2)}× — target ≤ 2×: ${ratio <= 2 ? 'meets' : 'MISSES'}` +
        ` (the C floor alone is ${(c / ss).toFixed(2)}× ss)`,
    )
  } finally {
    await Promise.all(closers.map((close) => close()))
  }
}

runWhenMain(import.meta.url, main)
