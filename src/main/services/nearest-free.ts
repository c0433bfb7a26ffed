import { MAX_PORT, type Protocol } from '../../shared/model'
import { NearestFreeRequest, type NearestFreeAnswer } from '../../shared/process-actions'
import { parseInput } from '../../shared/validate'
import type { PortBackend } from '../platform/backend'
import type { RuntimeReservationService } from './runtime-reservations'
import type { HolderRecord } from '../../shared/holders'

/** Kernel binds tried before giving up: each candidate the listing calls free is bound for real. */
const MAX_TRIES = 20

/**
 * The free block of `count` ports nearest to `startPort` (either side), for a refused Reserve:
 * ports taken by any socket, by our or another Portwarden's blocks, by a range that refuses
 * binds (Windows exclusions), or privileged for us are skipped; each candidate is then bound for
 * real and let go (the kernel is the judge). Undefined when none is found.
 */
export function nearestFreeBlock(
  input: NearestFreeRequest,
  deps: {
    backend: PortBackend
    runtime: RuntimeReservationService
    otherHolders: () => HolderRecord[]
  },
): NearestFreeAnswer {
  const { protocol, startPort, count } = parseInput(NearestFreeRequest, input)
  const busy = busyPorts(protocol, deps)
  // prefix[i] = busy ports below i: a window [s, e] is free when prefix[e+1] - prefix[s] is 0.
  const prefix = new Uint32Array(MAX_PORT + 2)
  for (let p = 0; p <= MAX_PORT; p++) prefix[p + 1] = prefix[p]! + (busy[p] ? 1 : 0)
  const free = (s: number) =>
    s >= 1 && s + count - 1 <= MAX_PORT && prefix[s + count]! === prefix[s]!
  let tries = 0
  for (let d = 1; d <= MAX_PORT && tries < MAX_TRIES; d++) {
    for (const s of [startPort + d, startPort - d]) {
      if (!free(s)) continue
      tries++
      try {
        deps.backend.acquireBlock({ protocol, startPort: s, count }).release()
        return { found: true, startPort: s, count }
      } catch {
        for (let p = s; p < s + count; p++) busy[p] = 1 // the kernel knows better: skip it
        for (let p = s; p <= MAX_PORT; p++) prefix[p + 1] = prefix[p]! + (busy[p] ? 1 : 0)
      }
    }
  }
  return { found: false }
}

function busyPorts(
  protocol: Protocol,
  deps: {
    backend: PortBackend
    runtime: RuntimeReservationService
    otherHolders: () => HolderRecord[]
  },
): Uint8Array {
  const busy = new Uint8Array(MAX_PORT + 1)
  busy[0] = 1
  const mark = (from: number, to: number) =>
    busy.fill(1, Math.max(0, from), Math.min(MAX_PORT, to) + 1)
  for (const s of deps.backend.listSockets().sockets)
    if (s.protocol === protocol) busy[s.localPort] = 1
  const blocks = [...deps.runtime.list(), ...deps.otherHolders().flatMap((h) => h.reservations)]
  for (const r of blocks) if (r.protocol === protocol) mark(r.startPort, r.startPort + r.count - 1)
  if (deps.backend.reservedRangesBlockBinds)
    for (const r of deps.backend.reservedRanges())
      if (r.protocols.includes(protocol)) mark(r.startPort, r.endPort)
  const privileged = deps.backend.privilegedPorts()
  if (!privileged.canBind) mark(0, privileged.below - 1)
  return busy
}
