import { PortwardenError } from '../../../shared/errors'
import { MAX_PORT, type Protocol } from '../../../shared/model'
import { endPort, type PortSpan } from '../../../shared/ranges'
import { bindBlock } from './bound-socket'
import { bindError } from './errno-errors'
import { Errno } from './libc'
import { dynamicPortRange, reservedPorts, unprivilegedPortStart } from './sysctl'

/** A stretch of ports searched in one direction for a wildcard block. */
interface SearchRegion {
  low: number
  high: number
  direction: 'up' | 'down'
}

/**
 * Where a wildcard block is looked for. Above the dynamic range first (rarely used by
 * well-known services), then below it from the top down, so blocks stay clear of both
 * outgoing connections and the low ports dev servers and databases favour.
 */
export function wildcardRegions(): SearchRegion[] {
  const dyn = dynamicPortRange()
  const lowest = Math.max(unprivilegedPortStart(), 1024)
  return [
    { low: dyn.high + 1, high: MAX_PORT, direction: 'up' as const },
    { low: lowest, high: dyn.low - 1, direction: 'down' as const },
  ].filter((r) => r.low <= r.high)
}

/** Binds exactly [startPort, startPort+count) or throws with the first busy port named. */
export function acquireSpecific(protocol: Protocol, startPort: number, count: number): number[] {
  const r = bindBlock(protocol, startPort, count)
  if (!r.ok) throw bindError(r.errno, protocol, r.port)
  return r.fds
}

/** Finds and binds a free contiguous block of `count` ports; returns its start and sockets. */
export function acquireWildcard(
  protocol: Protocol,
  count: number,
): { startPort: number; fds: number[] } {
  const reserved = reservedPorts()
  for (const region of wildcardRegions()) {
    const found = searchRegion(protocol, count, region, reserved)
    if (found) return found
  }
  throw new PortwardenError(
    'no-free-block',
    `No free block of ${count} contiguous ${protocol.toUpperCase()} ports outside the dynamic range.`,
    `searched ${JSON.stringify(wildcardRegions())}, skipping ip_local_reserved_ports`,
  )
}

function searchRegion(
  protocol: Protocol,
  count: number,
  region: SearchRegion,
  reserved: readonly PortSpan[],
): { startPort: number; fds: number[] } | undefined {
  const up = region.direction === 'up'
  // After a clash at port p, the next candidate starts just past p in the search direction.
  const after = (p: number) => (up ? p + 1 : p - count)
  let start = up ? region.low : region.high - count + 1
  while (start >= region.low && start + count - 1 <= region.high) {
    const clash = reserved.find((r) => r.startPort <= start + count - 1 && endPort(r) >= start)
    if (clash) {
      start = up ? endPort(clash) + 1 : clash.startPort - count
      continue
    }
    const r = bindBlock(protocol, start, count)
    if (r.ok) return { startPort: start, fds: r.fds }
    if (r.errno !== Errno.EADDRINUSE && r.errno !== Errno.EACCES) {
      throw bindError(r.errno, protocol, r.port)
    }
    start = after(r.port)
  }
  return undefined
}
