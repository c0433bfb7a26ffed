import { describe, expect, it } from 'vitest'
import { socketKey, type InventoryDelta, type InventorySnapshot } from '../../../shared/inventory'
import type { SocketEntry } from '../../../shared/sockets'
import { fakeSocket } from '../../../../test/support/fake-socket'
import { applyDelta, deltasAfter, fromSnapshot } from './inventory-merge'

const sock = (port: number, patch: Partial<SocketEntry> = {}): SocketEntry =>
  fakeSocket(port, { owners: [{ pid: 100 + port, name: 'srv' }], ...patch })
const status = (takenAt: string) => ({
  takenAt,
  source: 'netlink' as const,
  ownersComplete: true,
  pollIntervalMs: 1000,
})
const snapshot: InventorySnapshot = {
  status: status('2030-01-01T00:00:01.000Z'),
  reservedRanges: [],
  dynamicRanges: [],
  sockets: [sock(1), sock(2)],
}
const delta = (takenAt: string, patch: Partial<InventoryDelta> = {}): InventoryDelta => ({
  status: status(takenAt),
  socketsAdded: [],
  socketsRemoved: [],
  socketsChanged: [],
  ...patch,
})

describe('applyDelta', () => {
  it('adds, removes and changes sockets by key', () => {
    const changed = sock(2, { state: 'CLOSE_WAIT' })
    const next = applyDelta(
      fromSnapshot(snapshot),
      delta('2030-01-01T00:00:02.000Z', {
        socketsAdded: [sock(3)],
        socketsRemoved: [socketKey(sock(1))],
        socketsChanged: [changed],
      }),
    )
    expect(next.sockets.map((s) => s.localPort).sort()).toEqual([2, 3])
    expect(next.sockets[next.positions.get(socketKey(changed))!]?.state).toBe('CLOSE_WAIT')
    // The change log says what left and what came in, for the table to update its rows.
    expect(next.change!.removed.map((s) => s.localPort)).toEqual([1])
    expect(next.change!.replaced.map((s) => [s.localPort, s.state])).toEqual([[2, 'LISTEN']])
    expect(next.change!.entered.map((s) => s.localPort)).toEqual([3, 2])
  })

  it('keeps positions right over many deltas (each key maps to its own entry)', () => {
    let data = fromSnapshot({ ...snapshot, sockets: [1, 2, 3, 4, 5].map((p) => sock(p)) })
    const live = new Map(data.sockets.map((s) => [socketKey(s), s]))
    for (let i = 0; i < 200; i++) {
      const port = 1 + ((i * 7) % 13)
      const key = socketKey(sock(port))
      const d = live.has(key)
        ? i % 3 === 0
          ? delta('2030-01-01T00:00:02.000Z', { socketsRemoved: [key] })
          : delta('2030-01-01T00:00:02.000Z', {
              socketsChanged: [sock(port, { state: i % 2 ? 'CLOSE_WAIT' : 'LISTEN' })],
            })
        : delta('2030-01-01T00:00:02.000Z', { socketsAdded: [sock(port)] })
      const before = data.sockets
      data = applyDelta(data, d)
      expect(data.change!.from).toBe(before)
      for (const k of d.socketsRemoved) live.delete(k)
      for (const s of [...d.socketsAdded, ...d.socketsChanged]) live.set(socketKey(s), s)
      expect(data.sockets.length).toBe(live.size)
      for (const [k, s] of live) expect(data.sockets[data.positions.get(k)!]).toBe(s)
    }
  })

  it('keeps the socket array when only the status or ranges changed', () => {
    const before = fromSnapshot(snapshot)
    const dyn = [{ protocols: ['tcp' as const], startPort: 32768, endPort: 60999, origin: 'x' }]
    const next = applyDelta(before, delta('2030-01-01T00:00:02.000Z', { dynamicRanges: dyn }))
    expect(next.sockets).toBe(before.sockets)
    expect(next.dynamicRanges).toBe(dyn)
    expect(next.reservedRanges).toBe(before.reservedRanges)
  })

  it('never changes an earlier sockets array (renders may still hold it)', () => {
    const before = fromSnapshot(snapshot)
    const kept = [...before.sockets]
    applyDelta(before, delta('2030-01-01T00:00:02.000Z', { socketsAdded: [sock(9)] }))
    applyDelta(before, delta('2030-01-01T00:00:03.000Z', { socketsRemoved: [socketKey(sock(1))] }))
    expect(before.sockets).toEqual(kept)
  })
})

describe('deltasAfter', () => {
  it('drops deltas older than the snapshot and keeps the rest', () => {
    const kept = deltasAfter(snapshot, [
      delta('2030-01-01T00:00:00.500Z'),
      delta('2030-01-01T00:00:01.000Z'),
      delta('2030-01-01T00:00:01.200Z'),
    ])
    expect(kept.map((d) => d.status.takenAt)).toEqual([
      '2030-01-01T00:00:01.000Z',
      '2030-01-01T00:00:01.200Z',
    ])
  })
})
