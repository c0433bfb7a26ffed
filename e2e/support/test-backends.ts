import type { PortBackend } from '../../src/main/platform/backend'
import type { ReservedRange } from '../../src/shared/inventory'
import { PortwardenError } from '../../src/shared/errors'
import {
  formatSpan,
  normalizeSpans,
  spansOverlap,
  subtractSpan,
  type PortSpan,
} from '../../src/shared/ranges'
import type { SocketEntry } from '../../src/shared/sockets'

/**
 * Test-only wrappers around the real backend. Each replaces only what a test must not do to
 * the host (write ip_local_reserved_ports) or cannot make the host do (65,536 sockets), and
 * keeps every other call real. Tests using them say so in their names.
 */

/** The default for every e2e: the real backend, but a reserved-range write fails loudly. */
export function hostSafe(real: PortBackend): PortBackend {
  const refuse = (): never => {
    throw new PortwardenError(
      'not-supported',
      'e2e never changes the host’s reserved ports: use inMemoryReserved() for this test.',
    )
  }
  return { ...real, reservedRangeEditor: { add: refuse, remove: refuse } }
}

/**
 * Reserved ranges kept in a list in this process: reserved:add/remove edit it and the
 * inventory reads it back, exactly as the sysctl would be. The host's setting is not read or
 * written. `persisted` records what a persistent change would have written to sysctl.d.
 */
export function inMemoryReserved(
  real: PortBackend,
  options: { privileged?: boolean; initial?: PortSpan[] } = {},
): PortBackend & { spans: PortSpan[]; persisted: PortSpan[] | undefined } {
  const state = {
    spans: normalizeSpans(options.initial ?? []),
    persisted: undefined as PortSpan[] | undefined,
  }
  const write = (spans: PortSpan[], persist: boolean) => {
    state.spans = normalizeSpans(spans)
    if (persist) state.persisted = state.spans
    return state.spans
  }
  const backend = {
    ...real,
    isPrivileged: () => options.privileged ?? true,
    reservedRanges: (): ReservedRange[] =>
      state.spans.map((s) => ({
        protocols: ['tcp', 'udp'],
        startPort: s.startPort,
        endPort: s.startPort + s.count - 1,
        administered: true,
        origin: 'in-memory list (e2e; host untouched)',
      })),
    reservedRangeEditor: {
      add: (span: PortSpan, persist: boolean) => write([...state.spans, span], persist),
      remove(span: PortSpan, persist: boolean) {
        if (!state.spans.some((s) => spansOverlap(s, span)))
          throw new PortwardenError('not-found', `No reserved range covers ${formatSpan(span)}.`)
        return write(subtractSpan(state.spans, span), persist)
      },
    },
  }
  // Getters, so the test reads the list as it is now (Object.assign would copy it once).
  Object.defineProperty(backend, 'spans', { get: () => state.spans })
  Object.defineProperty(backend, 'persisted', { get: () => state.persisted })
  return backend as typeof backend & { spans: PortSpan[]; persisted: PortSpan[] | undefined }
}

/** The real backend, but not privileged (as a normal user would run it). */
export const unprivileged = (real: PortBackend): PortBackend => ({
  ...real,
  isPrivileged: () => false,
})

/**
 * `count` made-up listening sockets, one per port from 0, owned by made-up processes; nothing
 * on the host is listed. The same array every poll, so the inventory sees no change. Test binds
 * on their ports are a stand-in that refuses, as the kernel would if they were real.
 */
export function syntheticSockets(real: PortBackend, count: number): PortBackend {
  const sockets: SocketEntry[] = Array.from({ length: count }, (_, i) => ({
    protocol: i % 7 === 0 ? 'udp' : 'tcp',
    family: i % 3 === 0 ? 'ipv6' : 'ipv4',
    state: i % 7 === 0 ? 'UNCONN' : 'LISTEN',
    localAddress: i % 3 === 0 ? '::' : '127.0.0.1',
    localPort: i,
    remoteAddress: i % 3 === 0 ? '::' : '0.0.0.0',
    remotePort: 0,
    inode: 1_000_000 + i,
    uid: 1000,
    owners: [{ pid: 20_000 + (i % 400), name: `synthetic-${i % 50}`, user: 'e2e' }],
  }))
  // Stand-in test binds that agree with the made-up sockets: a port one of them is on refuses
  // every bind of its protocol (they listen on the wildcard or loopback); others ask the kernel.
  const taken = new Set(sockets.map((s) => `${s.protocol} ${s.localPort}`))
  return {
    ...real,
    listSockets: () => ({ source: 'netlink', sockets, ownersComplete: true }),
    probeBind: (probe) =>
      taken.has(`${probe.protocol} ${probe.port}`)
        ? { ok: false, code: 'EADDRINUSE', errno: 98, message: 'Address already in use (stand-in)' }
        : real.probeBind(probe),
  }
}

/**
 * A model of Windows' associate probe on top of the real Linux blocks: each probe hands out the
 * block's next port, as the port pool does for sockets associated with a reservation. Only the
 * UI path is exercised with it; the real call is tested in the Wine lane.
 */
export function modelledAssociatePool(real: PortBackend): PortBackend {
  return {
    ...real,
    associateProbeAvailable: true,
    acquireBlock(request) {
      const block = real.acquireBlock(request)
      let next = 0
      return Object.assign(block, {
        associateProbe: () => block.startPort + (next++ % block.count),
      })
    },
  }
}
