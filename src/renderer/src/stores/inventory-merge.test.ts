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
    expect(next.socketsByKey.get(socketKey(changed))?.state).toBe('CLOSE_WAIT')
  })

  it('keeps the socket array when only the status or ranges changed', () => {
    const before = fromSnapshot(snapshot)
    const dyn = [{ protocols: ['tcp' as const], startPort: 32768, endPort: 60999, origin: 'x' }]
    const next = applyDelta(before, delta('2030-01-01T00:00:02.000Z', { dynamicRanges: dyn }))
    expect(next.sockets).toBe(before.sockets)
    expect(next.dynamicRanges).toBe(dyn)
    expect(next.reservedRanges).toBe(before.reservedRanges)
  })

  it('does not touch the data it was given', () => {
    const before = fromSnapshot(snapshot)
    applyDelta(before, delta('2030-01-01T00:00:02.000Z', { socketsAdded: [sock(9)] }))
    expect(before.sockets).toHaveLength(2)
    expect(before.socketsByKey.size).toBe(2)
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
