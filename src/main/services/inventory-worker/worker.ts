/**
 * The inventory worker (a worker_threads thread, bundled as out/main/inventory-worker.js):
 * loads the platform backend here, off main's thread (koffi works in workers), reads the OS
 * every interval, diffs, and posts main only what changed. main keeps the reservations,
 * mirrors these deltas, and restarts this worker if it dies.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { toErrorInfo } from '../../../shared/errors'
import { createBackend, type PortBackend } from '../../platform'
import { InventoryReader } from '../inventory-reader'
import { checkPage } from '../port-checks'
import type { RuntimeReservationService } from '../runtime-reservations'
import { PortVerdictService } from '../verdict/port-verdict'
import type { CheckJob, FromWorker, InventoryWorkerData, ToWorker } from './messages'

const data = workerData as InventoryWorkerData
const port = parentPort!

function loadBackend(): PortBackend {
  if (!data.backendModule) return createBackend()
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- test-only, a path main chose
  const mod = require(data.backendModule) as { createBackend(): PortBackend }
  return mod.createBackend()
}

const backend = loadBackend()
const reader = new InventoryReader(backend, data.intervalMs)

function poll(id?: number): void {
  const start = performance.now()
  const delta = reader.read()
  const message: FromWorker = { type: 'polled', id, delta, ms: performance.now() - start }
  if (!reader.last) {
    const why = reader.firstError
    message.error = why instanceof Error ? why.message : String(why)
  }
  port.postMessage(message)
}

/**
 * A check, run here: test binds from this thread are the process's own binds (the kernel
 * answers them exactly as it would main's). A page first takes a fresh reading, which also
 * reaches main as the next inventory delta, and explains the page from it.
 */
function check(id: number, job: CheckJob): void {
  // The verdicts read only list() of the runtime service: main's blocks, sent with the job.
  const runtime = { list: () => job.ours } as Pick<RuntimeReservationService, 'list'>
  const verdicts = new PortVerdictService(
    backend,
    runtime as RuntimeReservationService,
    () => job.otherHolders,
  )
  let reply: FromWorker
  try {
    let value: unknown
    if ('whole' in job.request) value = verdicts.check(job.request.whole)
    else {
      poll()
      value = checkPage(verdicts, job.request.page, reader.last)
    }
    reply = { type: 'checked', id, value }
  } catch (err) {
    reply = { type: 'checked', id, error: toErrorInfo(err) }
  }
  port.postMessage(reply)
}

port.on('message', (m: ToWorker) => {
  if (m.type === 'refresh') poll(m.id)
  else if (m.type === 'check') check(m.id, m.job)
})
poll()
setInterval(poll, data.intervalMs)
