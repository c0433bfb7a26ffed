/**
 * A live refresh as the app does it — main asks the inventory worker, the worker lists every
 * socket with owners (incremental owner cache) and diffs, main applies the delta — against
 * `ss -tuanp` listing the same sockets, in the same run, round-robin. 10,000 sockets held by
 * other processes:
 *   node --import tsx bench/refresh.ts
 */
import { spawnSync } from 'node:child_process'
import { relative } from 'node:path'
import { inventoryWorkerScript } from '../test/support/inventory-worker-script'
import { WorkerInventory } from '../src/main/services/inventory-worker/worker-inventory'
import { holdSockets } from './socket-holders'
import { median, runWhenMain } from './stats'

const SOCKETS = Number(process.env.BENCH_SOCKETS ?? 10_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 15)
const CHURN = Number(process.env.BENCH_CHURN ?? 100)
const WARMUP = Number(process.env.BENCH_WARMUP ?? 10)
// The app's worker as built (npm run bench builds first), else its source through tsx.
const WORKER = inventoryWorkerScript()
const WORKER_NAME = relative(process.cwd(), WORKER)

function ssTuanp(): number {
  const start = performance.now()
  const out = spawnSync('ss', ['-tuanp'], { encoding: 'utf8', maxBuffer: 1 << 28 })
  if (out.status !== 0) throw new Error(`ss -tuanp failed: ${out.stderr}`)
  return performance.now() - start
}

async function timed(run: () => Promise<void>): Promise<number> {
  const start = performance.now()
  await run()
  return performance.now() - start
}

/** Medians of: a refresh after CHURN sockets changed, one after nothing did, and ss -tuanp. */
async function scenario(processes: number) {
  const holders = await holdSockets(SOCKETS, processes)
  const inventory = new WorkerInventory({ script: WORKER, intervalMs: 3_600_000 })
  let changedSeen = 0
  inventory.onChange((d) => (changedSeen += d.socketsAdded.length + d.socketsRemoved.length))
  inventory.start()
  try {
    await inventory.ready()
    const t = {
      churn: [] as number[],
      quiet: [] as number[],
      ss: [] as number[],
      inWorker: [] as number[],
    }
    for (let i = 0; i < RUNS + WARMUP; i++) {
      await holders.churn(i % processes, CHURN / 2) // untimed: the change happens elsewhere
      const churn = await timed(() => inventory.refresh())
      const quiet = await timed(() => inventory.refresh())
      const inWorker = inventory.lastReadMs
      const ss = ssTuanp()
      if (i < WARMUP) continue // warm-up
      t.churn.push(churn)
      t.quiet.push(quiet)
      t.ss.push(ss)
      t.inWorker.push(inWorker)
    }
    const sockets = inventory.snapshot().sockets.length
    return {
      churn: median(t.churn),
      quiet: median(t.quiet),
      ss: median(t.ss),
      inWorker: median(t.inWorker),
      sockets,
      changedSeen,
    }
  } finally {
    inventory.stop()
    holders.close()
  }
}

export async function main(): Promise<void> {
  const where = (p: number) => (p === 1 ? 'in one process' : `in ${p} processes`)
  const n = SOCKETS.toLocaleString('en')
  for (const processes of [10, 1]) {
    const r = await scenario(processes)
    console.log(
      `\n${n} sockets ${where(processes)} (${r.sockets} listed), medians over ${RUNS} runs ` +
        `after ${WARMUP} warm-up polls, worker ${WORKER_NAME}:` +
        `\n  refresh after ${CHURN} sockets changed ${r.churn.toFixed(1)} ms, nothing changed ` +
        `${r.quiet.toFixed(1)} ms (of which the worker's reading ${r.inWorker.toFixed(1)} ms, ` +
        `the rest the trip between threads); ss -tuanp ${r.ss.toFixed(1)} ms`,
    )
    const ratio = (ms: number) => (ms / r.ss).toFixed(2)
    const note = processes === 1 ? ' (no target: that process has to be read again whole)' : ''
    console.log(
      `refresh with owners, ${n} sockets ${where(processes)}, ${CHURN} changed / ss -tuanp: ` +
        `${ratio(r.churn)}${processes === 1 ? note : ' (target ≤ 0.25)'}`,
    )
    if (processes !== 1)
      console.log(
        `refresh with owners, ${n} sockets, nothing changed / ss -tuanp: ${ratio(r.quiet)} (target ≤ 0.1)`,
      )
  }
}

runWhenMain(import.meta.url, main, { exit: true })
