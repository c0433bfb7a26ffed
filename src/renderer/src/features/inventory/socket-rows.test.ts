import { describe, expect, it } from 'vitest'
import type { SocketEntry } from '../../../../shared/sockets'
import { fakeSocket } from '../../../../../test/support/fake-socket'
import { socketRows } from './socket-rows'

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
