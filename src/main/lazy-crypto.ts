import { createRequire } from 'node:module'

type Crypto = typeof import('node:crypto')
let loaded: Crypto | undefined

/**
 * crypto.randomBytes, with node:crypto loaded on first use: tokens and temp-file names need it,
 * but a one-shot `portwarden check` or `sockets` never does, and loading it costs each ~3 ms.
 */
export function randomBytes(size: number): Buffer {
  loaded ??= createRequire(import.meta.url)('node:crypto') as Crypto
  return loaded.randomBytes(size)
}
