import type { SocketEntry } from '../../../../shared/sockets'

/** One process and what it has open, for the overview's answer to a process name. */
export interface ProcessMatch {
  pid: number
  name: string
  user?: string
  /** Ports it listens on (TCP LISTEN, unconnected UDP, bound), sorted. */
  listening: { protocol: SocketEntry['protocol']; port: number; socket: SocketEntry }[]
  connections: number
}

const LISTENING = new Set(['LISTEN', 'UNCONN', 'BOUND'])

/**
 * Processes whose name, pid or user matches `query` (case-insensitive; a number matches a pid
 * exactly), each with its listening ports and how many connections it has. At most `limit`.
 */
export function processMatches(
  sockets: readonly SocketEntry[],
  query: string,
  limit = 20,
): ProcessMatch[] {
  const q = query.trim().toLowerCase()
  if (!q) return []
  const pid = /^\d+$/.test(q) ? Number(q) : undefined
  const byPid = new Map<number, ProcessMatch>()
  for (const s of sockets) {
    for (const o of s.owners) {
      const hit =
        pid !== undefined ? o.pid === pid : o.name.toLowerCase().includes(q) || o.user === q
      if (!hit) continue
      let m = byPid.get(o.pid)
      if (!m) {
        m = { pid: o.pid, name: o.name, user: o.user, listening: [], connections: 0 }
        byPid.set(o.pid, m)
      }
      if (LISTENING.has(s.state)) {
        if (!m.listening.some((l) => l.protocol === s.protocol && l.port === s.localPort))
          m.listening.push({ protocol: s.protocol, port: s.localPort, socket: s })
      } else m.connections++
    }
  }
  const out = [...byPid.values()]
  for (const m of out)
    m.listening.sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol))
  return out.sort((a, b) => a.name.localeCompare(b.name) || a.pid - b.pid).slice(0, limit)
}
