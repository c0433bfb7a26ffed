/**
 * main's event-loop delay while the inventory polls 10,000 sockets (held by other processes,
 * 100 of them changing every second) once a second, as the app runs it: this process plays
 * main — it hosts the inventory worker, mirrors its deltas and sends each one through the
 * app's own push() (main/ipc/push.ts) to a stand-in window that serializes what it is sent,
 * as webContents.send does. The same run then polls on this thread instead (the inventory
 * before issue 13) for comparison.
 *   node --import tsx bench/event-loop.ts
 */
import { relative } from 'node:path'
import { inventoryWorkerScript } from '../test/support/inventory-worker-script'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { Worker } from 'node:worker_threads'
import type { WebContents } from 'electron'
import { push } from '../src/main/ipc/push'
import { createLinuxBackend } from '../src/main/platform/linux'
import { InventoryService, type Inventory } from '../src/main/services/inventory'
import { WorkerInventory } from '../src/main/services/inventory-worker/worker-inventory'
import { holdSockets, type SocketHolders } from './socket-holders'
import { runWhenMain } from './stats'

const SOCKETS = Number(process.env.BENCH_SOCKETS ?? 10_000)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15)
const HOLDERS = 10
const CHURN = 100
// The app's worker as built (npm run bench builds first), else its source through tsx.
const WORKER = inventoryWorkerScript()
const WORKER_NAME = relative(process.cwd(), WORKER)

interface Delay {
  p50: number
  p99: number
  max: number
  deltas: number
  /** p99 wait of a message another thread posts every 2 ms, as a renderer's IPC would wait. */
  messageP99: number
}

/**
 * A thread that posts this one a timestamp every 2 ms: how long those messages wait is what a
 * request arriving at a random moment waits (monitorEventLoopDelay samples a timer, and a
 * 100 ms stall once a second is only one sample in a thousand of those).
 */
function messageProbe(): { waits: number[]; stop(): void } {
  const probe = new Worker(
    `const { parentPort } = require('node:worker_threads')
     setInterval(() => parentPort.postMessage(performance.timeOrigin + performance.now()), 2)`,
    { eval: true },
  )
  const waits: number[] = []
  probe.on('message', (sent: number) =>
    waits.push(performance.timeOrigin + performance.now() - sent),
  )
  return { waits, stop: () => void probe.terminate() }
}

const percentile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN
}

/** A window as push() sees one: send() serializes the payload, as Electron's IPC does. */
const window = {
  isDestroyed: () => false,
  send: (_channel: string, payload: unknown) => void JSON.stringify(payload),
} as unknown as WebContents

/** Runs `inventory` for SECONDS after its first reading; main's loop delay meanwhile, in ms. */
async function measure(inventory: Inventory, holders: SocketHolders): Promise<Delay> {
  let deltas = 0
  inventory.onChange((delta) => {
    push([window], 'inventory:changed', delta)
    deltas++
  })
  inventory.start()
  await inventory.ready()
  await new Promise((r) => setTimeout(r, 1500)) // past the first, whole-inventory delta
  deltas = 0
  const churn = setInterval(() => void holders.churn(deltas % HOLDERS, CHURN / 2), 1000)
  const histogram = monitorEventLoopDelay({ resolution: 1 })
  histogram.enable()
  const probe = messageProbe()
  await new Promise((r) => setTimeout(r, SECONDS * 1000))
  histogram.disable()
  probe.stop()
  clearInterval(churn)
  inventory.stop()
  const ms = (ns: number) => ns / 1e6
  return {
    p50: ms(histogram.percentile(50)),
    p99: ms(histogram.percentile(99)),
    max: ms(histogram.max),
    deltas,
    messageP99: percentile(probe.waits, 0.99),
  }
}

export async function main(): Promise<void> {
  const holders = await holdSockets(SOCKETS, HOLDERS)
  try {
    const worker = await measure(new WorkerInventory({ script: WORKER, intervalMs: 1000 }), holders)
    const onMain = await measure(new InventoryService(createLinuxBackend(), 1000), holders)
    const n = SOCKETS.toLocaleString('en')
    const line = (label: string, d: Delay) =>
      `  ${label}: p50 ${d.p50.toFixed(1)} ms, p99 ${d.p99.toFixed(1)} ms, max ${d.max.toFixed(1)} ms (${d.deltas} deltas); a message's wait p99 ${d.messageP99.toFixed(1)} ms`
    console.log(
      `\n${n} sockets in ${HOLDERS} processes, ${CHURN} changing per second, polled every 1 s, ` +
        `${SECONDS} s each, worker ${WORKER_NAME}:`,
    )
    console.log(line('inventory in a worker', worker))
    console.log(line('inventory on main (before)', onMain))
    console.log(
      `main's event-loop delay p99 (monitorEventLoopDelay, 1 ms resolution) while the inventory ` +
        `polls ${n} sockets every second: ${worker.p99.toFixed(1)} ms (target ≤ 10 ms)`,
    )
    console.log(
      `a message's wait on main p99, inventory in a worker / polling on main: ` +
        `${worker.messageP99.toFixed(1)} ms / ${onMain.messageP99.toFixed(1)} ms: ` +
        `${(worker.messageP99 / onMain.messageP99).toFixed(2)}`,
    )
  } finally {
    holders.close()
  }
}

runWhenMain(import.meta.url, main, { exit: true })
