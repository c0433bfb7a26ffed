import type { HolderRecord } from '../../shared/holders'
import type { ReserveRequest } from '../../shared/model'
import { spansOverlap } from '../../shared/ranges'
import { visible } from '../../shared/visible'
import type { SocketEntry } from '../../shared/sockets'

/**
 * Who holds ports of a block that could not be reserved, in one sentence: "Held by nginx
 * (pid 812, user www-data) on 8080; another Portwarden (cli, pid 4711) on 8081–8089." Each
 * holder is named once, whatever number of sockets it has there.
 */
export function describeBusyHolders(
  request: ReserveRequest,
  sockets: readonly SocketEntry[],
  others: readonly HolderRecord[],
): string | undefined {
  const span = { startPort: request.startPort, count: request.count }
  const inSpan = (p: number) => p >= span.startPort && p < span.startPort + span.count
  const byHolder = new Map<string, Set<number>>()
  const note = (who: string, port: number) => {
    const ports = byHolder.get(who) ?? new Set<number>()
    ports.add(port)
    byHolder.set(who, ports)
  }
  for (const h of others)
    for (const r of h.reservations)
      if (r.protocol === request.protocol && spansOverlap(r, span))
        note(
          `another Portwarden (${h.holder}, pid ${h.pid})`,
          Math.max(r.startPort, span.startPort),
        )
  for (const s of sockets) {
    if (s.protocol !== request.protocol || !inSpan(s.localPort)) continue
    if (s.owners.length === 0)
      note(
        s.state === 'TIME_WAIT'
          ? 'a closed connection in TIME_WAIT'
          : 'a process Portwarden cannot see',
        s.localPort,
      )
    for (const o of s.owners)
      note(`${o.name} (pid ${o.pid}${o.user ? `, user ${o.user}` : ''})`, s.localPort)
  }
  if (byHolder.size === 0) return undefined
  const parts = [...byHolder].map(([who, ports]) => {
    const sorted = [...ports].sort((a, b) => a - b)
    const shown = sorted.slice(0, 5).join(', ') + (sorted.length > 5 ? ', …' : '')
    return `${visible(who)} on ${sorted.length === 1 ? 'port' : `${sorted.length} ports:`} ${shown}`
  })
  return `Held by ${parts.join('; ')}.`
}
