import { existsSync } from 'node:fs'
import { resolve } from 'node:path'

/**
 * The inventory worker for tests run outside the app: the built out/main/inventory-worker.js
 * when a build is there (`npm test` builds first; it starts in milliseconds), else the
 * TypeScript source, compiled by tsx as the worker loads.
 */
export function inventoryWorkerScript(): string {
  const built = resolve('out/main/inventory-worker.js')
  return existsSync(built) ? built : resolve('src/main/services/inventory-worker/worker.ts')
}
