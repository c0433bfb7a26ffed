/**
 * The sockets section of a comparison, readable: lines like "tcp LISTEN 0.0.0.0:61000 node"
 * grouped by process, and consecutive ports of the same process, protocol, state and address
 * merged into one range — a 100-port block is one line, not 100.
 */
export interface ProcessGroup {
  process: string
  lines: string[]
}

const SOCKET_LINE = /^(\S+) (\S+) (.+):(\d{1,5}) (.*)$/

export function groupSocketLines(items: readonly string[]): ProcessGroup[] {
  const runs = new Map<string, { head: string; owner: string; ports: number[] }>()
  const other: string[] = []
  for (const item of items) {
    const m = SOCKET_LINE.exec(item)
    if (!m) {
      other.push(item)
      continue
    }
    const [, protocol, state, address, port, owner] = m
    const key = `${owner}\u0000${protocol} ${state} ${address}`
    const run = runs.get(key) ?? {
      head: `${protocol} ${state} ${address}`,
      owner: owner!,
      ports: [],
    }
    run.ports.push(Number(port))
    runs.set(key, run)
  }
  const groups = new Map<string, string[]>()
  for (const run of runs.values()) {
    const lines = groups.get(run.owner) ?? []
    for (const [from, to] of consecutive(run.ports.sort((a, b) => a - b)))
      lines.push(
        from === to ? `${run.head}:${from}` : `${run.head}:${from}–${to} (${to - from + 1} ports)`,
      )
    groups.set(run.owner, lines)
  }
  const out = [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([process, lines]) => ({ process, lines }))
  if (other.length) out.push({ process: 'other', lines: other })
  return out
}

/** Sorted distinct ports as [first, last] runs of consecutive numbers. */
function consecutive(ports: number[]): [number, number][] {
  const runs: [number, number][] = []
  for (const p of ports) {
    const last = runs.at(-1)
    if (last && p === last[1] + 1) last[1] = p
    else if (!last || p !== last[1]) runs.push([p, p])
  }
  return runs
}
