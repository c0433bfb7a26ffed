import type { ReservedRange } from '../../../shared/inventory'
import type { Protocol } from '../../../shared/model'
import type { PersistentReservation } from '../../../shared/report'
import type { PortSpan } from '../../../shared/ranges'

/**
 * Windows lists no persistent reservations directly: they are the administered (`*`) excluded
 * ranges, and each one's token is looked up (never stored: it may change at every restart).
 * A range whose lookup fails (e.g. made by `netsh add excludedportrange`, which has no token)
 * is listed without one.
 */
export function persistentFromRanges(
  ranges: readonly ReservedRange[],
  lookup: (protocol: Protocol, span: PortSpan) => bigint,
): PersistentReservation[] {
  return ranges
    .filter((r) => r.administered)
    .flatMap((r) =>
      r.protocols.map((protocol) => {
        const span = { startPort: r.startPort, count: r.endPort - r.startPort + 1 }
        let token: string | undefined
        try {
          token = lookup(protocol, span).toString()
        } catch {
          token = undefined
        }
        return token === undefined || token === '0'
          ? { protocol, ...span }
          : { protocol, ...span, token }
      }),
    )
}
