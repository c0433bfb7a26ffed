import dgram from 'node:dgram'
import { afterEach, describe, expect, it } from 'vitest'
import { dumpInetSockets } from './inet-diag'
import { OwnerCache } from './owner-cache'
import { RecordCache } from './record-cache'
import { listSockets } from './sockets'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const undo of cleanups.splice(0).reverse()) await undo()
})

async function udp(): Promise<dgram.Socket> {
  const s = dgram.createSocket('udp4')
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r))
  cleanups.push(() => s.close())
  return s
}

const byPort = (records: { localPort: number; protocol: string }[], port: number) =>
  records.find((r) => r.protocol === 'udp' && r.localPort === port)

describe('RecordCache (real inet_diag dumps)', () => {
  it('an unchanged socket comes back as the same entry; a changed one as a new, right one', async () => {
    const [quiet, moving, peer] = await Promise.all([udp(), udp(), udp()])
    const cache = new RecordCache()
    const first = dumpInetSockets(cache).records
    const second = dumpInetSockets(cache).records
    const q = quiet.address().port
    expect(byPort(second, q)).toBe(byPort(first, q))
    expect(byPort(first, moving.address().port)).toMatchObject({ state: 'UNCONN', remotePort: 0 })

    // Connecting changes its state and remote end: the record's bytes differ, so it is parsed.
    await new Promise<void>((r) => moving.connect(peer.address().port, '127.0.0.1', r))
    const third = dumpInetSockets(cache).records
    const m = byPort(third, moving.address().port)
    expect(m).not.toBe(byPort(second, moving.address().port))
    expect(m).toMatchObject({ state: 'ESTABLISHED', remotePort: peer.address().port })
    // What a dump without the cache says, field for field.
    expect(byPort(dumpInetSockets().records, moving.address().port)).toEqual(m)
    expect(byPort(third, q)).toBe(byPort(first, q))
  })

  it('listings share unchanged entries with owners, and never change an entry handed out', async () => {
    const s = await udp()
    const port = s.address().port
    const caches = { ownerCache: new OwnerCache(), recordCache: new RecordCache() }
    const a = listSockets(caches).sockets.find((x) => x.localPort === port)!
    const b = listSockets(caches).sockets.find((x) => x.localPort === port)!
    expect(b).toBe(a)
    expect(a.owners.map((o) => o.pid)).toEqual([process.pid])
    // The entries the record cache keeps still have no owners: listings copy, never write.
    const kept = dumpInetSockets(caches.recordCache).records.find((x) => x.localPort === port)!
    expect(kept).not.toBe(a)
    expect(kept.owners).toEqual([])
  })
})
