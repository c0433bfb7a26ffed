import type { Protocol } from '../../src/shared/model'
import { bindWildcard, closeAll } from '../../src/main/platform/linux/bound-socket'
import { Errno } from '../../src/main/platform/linux/libc'

/** Tries the bind a reservation makes (wildcard, dual-stack, no SO_REUSEADDR) and undoes it. */
export function realBind(protocol: Protocol, port: number): string {
  const r = bindWildcard(protocol, port)
  if (r.ok) {
    closeAll([r.fd])
    return 'ok'
  }
  return Object.entries(Errno).find(([, v]) => v === r.errno)?.[0] ?? `errno ${r.errno}`
}
