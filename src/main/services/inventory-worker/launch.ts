import { Worker } from 'node:worker_threads'
import type { InventoryWorkerData } from './messages'

/**
 * Starts the worker script: the app's bundled out/main/inventory-worker.js, or, for tests and
 * the bench, the TypeScript source, compiled on load by tsx (a devDependency) as they are.
 */
export function launchWorker(script: string, data: InventoryWorkerData): Worker {
  if (!script.endsWith('.ts')) return new Worker(script, { workerData: data })
  const boot = `require('tsx/cjs/api').register(); require(${JSON.stringify(script)})`
  return new Worker(boot, { eval: true, workerData: data })
}
