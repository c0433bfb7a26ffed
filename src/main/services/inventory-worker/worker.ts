/**
 * The inventory worker (a worker_threads thread, bundled as out/main/inventory-worker.js):
 * loads the platform backend here, off main's thread (koffi works in workers), reads the OS
 * every interval, diffs, and posts main only what changed. main keeps the reservations,
 * mirrors these deltas, and restarts this worker if it dies.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { createBackend, type PortBackend } from '../../platform'
import { InventoryReader } from '../inventory-reader'
import type { FromWorker, InventoryWorkerData, ToWorker } from './messages'

const data = workerData as InventoryWorkerData
const port = parentPort!

function loadBackend(): PortBackend {
  if (!data.backendModule) return createBackend()
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- test-only, a path main chose
  const mod = require(data.backendModule) as { createBackend(): PortBackend }
  return mod.createBackend()
}

const reader = new InventoryReader(loadBackend(), data.intervalMs)

function poll(id?: number): void {
  const delta = reader.read()
  const message: FromWorker = { type: 'polled', id, delta }
  if (!reader.last) {
    const why = reader.firstError
    message.error = why instanceof Error ? why.message : String(why)
  }
  port.postMessage(message)
}

port.on('message', (m: ToWorker) => {
  if (m.type === 'refresh') poll(m.id)
})
poll()
setInterval(poll, data.intervalMs)
