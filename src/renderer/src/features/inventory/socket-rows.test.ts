import { describe, expect, it } from 'vitest'
import type { SocketEntry } from '../../../../shared/sockets'
import { fakeSocket } from '../../../../../test/support/fake-socket'
import { socketValues } from './socket-columns'
import { socketRows, updateSocketRows } from './socket-rows'

const sock = fakeSocket
const ports = (rows: SocketEntry[]) => rows.map((s) => s.localPort)

const sockets = [
  sock(8080, { owners: [{ pid: 3000, name: 'nginx' }] }),
  sock(3000, { owners: [{ pid: 42, name: 'node' }] }),
  sock(30001, { protocol: 'udp', state: 'UNCONN' }),
  sock(5432, { state: 'BOUND', owners: [{ pid: 7, name: 'postgres' }] }),
]

describe('socketRows', () => {
  it('sorts by a column either way, keeping blank cells last', () => {
    const by = (desc: boolean) =>
      socketRows(sockets, { query: '', protocol: '', sort: { id: 'owner', desc } })
    expect(ports(by(false))).toEqual([8080, 3000, 5432, 30001])
    expect(ports(by(true))).toEqual([5432, 3000, 8080, 30001])
    expect(
      ports(
        socketRows(sockets, { query: '', protocol: '', sort: { id: 'localPort', desc: true } }),
      ),
    ).toEqual([30001, 8080, 5432, 3000])
  })

  it('matches numbers exactly against ports and pids, text anywhere, all terms at once', () => {
    const find = (query: string) => ports(socketRows(sockets, { query, protocol: '' }))
    expect(find('3000')).toEqual([8080, 3000]) // nginx's pid, node's port; not 30001
    expect(find('bound')).toEqual([5432])
    expect(find('3000 node')).toEqual([3000])
    expect(find('127.0.0.1:8080')).toEqual([8080])
  })

  it('filters by protocol and leaves the input untouched', () => {
    const before = [...sockets]
    expect(ports(socketRows(sockets, { query: '', protocol: 'udp' }))).toEqual([30001])
    expect(sockets).toEqual(before)
  })
})

describe('updateSocketRows', () => {
  const states = ['LISTEN', 'ESTABLISHED', 'BOUND', 'CLOSE_WAIT'] as const
  const names = ['', 'nginx', 'node', 'postgres']
  const make = (i: number, v: number): SocketEntry =>
    sock(1000 + (i % 40), {
      inode: 5000 + i,
      remotePort: v % 3 === 0 ? 0 : 40000 + v,
      remoteAddress: v % 3 === 0 ? '0.0.0.0' : '10.0.0.1',
      state: states[v % 4]!,
      owners: names[v % 4] ? [{ pid: 10 + v, name: names[v % 4]! }] : [],
    })
  const views = [
    { query: '', protocol: '', sort: { id: 'localPort' as const, desc: false } },
    { query: '', protocol: '', sort: { id: 'owner' as const, desc: true } },
    { query: '', protocol: '', sort: { id: 'remote' as const, desc: false } },
    { query: 'nginx', protocol: '', sort: { id: 'state' as const, desc: false } },
    { query: '', protocol: '' },
  ]

  it('after random changes, holds what a full filter-and-sort holds, in an order it allows', () => {
    for (const view of views) {
      let seed = 7
      const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n) as number
      let sockets = Array.from({ length: 300 }, (_, i) => make(i, rand(50)))
      let rows = socketRows(sockets, view)
      for (let round = 0; round < 60; round++) {
        const out: SocketEntry[] = []
        const into: SocketEntry[] = []
        const next = sockets.slice()
        const picked = new Set<number>()
        while (picked.size < 5) picked.add(rand(next.length))
        for (const at of picked) {
          out.push(next[at]!)
          const replacement = make(next[at]!.inode - 5000, rand(50))
          into.push(replacement)
          next[at] = replacement
        }
        // One removed, never one just replaced (a delta names each socket once).
        const gone = next.splice(rand(next.length), 1)
        if (into.includes(gone[0]!)) into.splice(into.indexOf(gone[0]!), 1)
        else out.push(...gone)
        const added = make(10_000 + round, rand(50))
        next.push(added)
        into.push(added)
        rows = updateSocketRows(rows, out, into, view)
        sockets = next
        const full = socketRows(sockets, view)
        // Same rows (ties may sit in another order), each in an order the sort allows.
        expect(new Set(rows)).toEqual(new Set(full))
        expect(rows).toHaveLength(full.length)
        if (view.sort) {
          const again = socketRows(rows, view)
          expect(rows.map((r) => socketValues[view.sort!.id](r))).toEqual(
            again.map((r) => socketValues[view.sort!.id](r)),
          )
        }
      }
    }
  })
})
