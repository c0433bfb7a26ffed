import dgram from 'node:dgram'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import type { SocketEntry } from '../../../shared/sockets'
import { dumpInetSockets } from './inet-diag'
import { RecordCache } from './record-cache'

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
  records.filter((r) => r.protocol === 'udp' && r.localPort === port)

describe('RecordCache (real inet_diag dumps)', () => {
  it('an unchanged socket comes back as the same entry; a changed one as a new, right one', async () => {
    const [quiet, moving, peer] = await Promise.all([udp(), udp(), udp()])
    const cache = new RecordCache()
    const first = dumpInetSockets(cache).records
    const second = dumpInetSockets(cache).records
    const q = quiet.address().port
    expect(byPort(second, q)).toHaveLength(1)
    expect(byPort(second, q)[0]).toBe(byPort(first, q)[0])
    expect(byPort(first, moving.address().port)[0]).toMatchObject({
      state: 'UNCONN',
      remotePort: 0,
    })

    // Connecting changes its state and remote end: the record's bytes differ, so it is parsed.
    await new Promise<void>((r) => moving.connect(peer.address().port, '127.0.0.1', r))
    const third = dumpInetSockets(cache).records
    const [m] = byPort(third, moving.address().port)
    const [before] = byPort(second, moving.address().port)
    expect(m).not.toBe(before)
    expect(m).toMatchObject({ state: 'ESTABLISHED', remotePort: peer.address().port })
    expect(cache.fresh.map((p) => third[p])).toContain(m)
    expect(cache.gone).toContain(before)
    // What a dump without the cache says, field for field.
    expect(byPort(dumpInetSockets().records, moving.address().port)).toEqual([m])
    expect(byPort(third, q)[0]).toBe(byPort(first, q)[0])
  })

  it('says which sockets came (parsed afresh) and which went', async () => {
    await udp()
    const cache = new RecordCache()
    dumpInetSockets(cache)
    // Another process on this machine may open a socket meanwhile; ours must not count.
    const extra = await udp()
    const port = extra.address().port
    dumpInetSockets(cache)
    const added = cache.fresh.map((p) => cache.entries[p]!)
    expect(added.some((e) => e.localPort === port)).toBe(true)
    expect(cache.unchanged).toBe(false)
    extra.close()
    cleanups.pop()
    await new Promise((r) => setTimeout(r, 20))
    dumpInetSockets(cache)
    expect(cache.gone.some((e) => e.localPort === port)).toBe(true)
  })
})

// ---------------------------------------------------------------------------------------------
// The model: synthetic inet_diag records fed to take() in any order, with repeats.

interface Rec {
  inode: number
  /** Stands for everything else a record says (state, ends, uid): a change is a new value. */
  state: number
  protocol: 6 | 17
}

const RECORD = 88

/** One record's bytes where take() reads them: family/state at 16, ports at 20, inode at 84. */
function recordView(r: Rec): DataView {
  const v = new DataView(new ArrayBuffer(RECORD))
  v.setUint8(16, 2) // AF_INET
  v.setUint8(17, r.state)
  v.setUint16(20, r.inode === 0 ? 40_000 + r.state : 1000) // sockets without inodes: ends tell
  v.setUint32(84, r.inode, true)
  return v
}

function dumpOf(cache: RecordCache, recs: Rec[]): { entries: SocketEntry[]; parsed: Rec[] } {
  const parsed: Rec[] = []
  cache.begin()
  for (const protocol of [6, 17] as const) {
    cache.setProtocol(protocol)
    for (const r of recs.filter((x) => x.protocol === protocol)) {
      cache.take(
        recordView(r),
        0,
        RECORD,
        true,
        () => 0,
        (): SocketEntry => {
          parsed.push(r)
          return { ...r } as unknown as SocketEntry
        },
      )
    }
  }
  cache.end()
  return { entries: cache.entries, parsed }
}

/** What the record says, all of it: unchanged means the same entry. */
const same = (a: Rec, b: Rec) => a.state === b.state && a.protocol === b.protocol

const keyOf = (r: Rec) => (r.inode !== 0 ? `i${r.inode}` : `k${r.protocol}/${r.state}`)

/** The first record of each socket, in order, protocol by protocol (as dumps come). */
function expected(recs: Rec[]): Rec[] {
  const seen = new Set<string>()
  const out: Rec[] = []
  for (const protocol of [6, 17])
    for (const r of recs.filter((x) => x.protocol === protocol)) {
      const k = r.inode !== 0 ? `i${r.inode}` : keyOf(r)
      if (seen.has(k)) continue
      seen.add(k)
      out.push(r)
    }
  return out
}

const recArb = fc.record({
  inode: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 30 })),
  state: fc.integer({ min: 1, max: 4 }),
  protocol: fc.constantFrom(6 as const, 17 as const),
})

describe('RecordCache (model: synthetic records, any order, repeats)', () => {
  it('lists each socket once, keeps an entry exactly while its record is unchanged, and says what came and went', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(recArb, { maxLength: 40 }), { minLength: 1, maxLength: 6 }),
        (dumps) => {
          const cache = new RecordCache()
          let before = new Map<string, { rec: Rec; entry: SocketEntry }>()
          for (const recs of dumps) {
            const { entries } = dumpOf(cache, recs)
            const want = expected(recs)
            // Each socket once, the first record standing, in the dump's order.
            expect(entries.map((e) => keyOf(e as unknown as Rec))).toEqual(want.map(keyOf))
            expect(entries.map((e) => (e as unknown as Rec).state)).toEqual(
              want.map((r) => r.state),
            )
            const now = new Map<string, { rec: Rec; entry: SocketEntry }>()
            want.forEach((rec, i) => now.set(keyOf(rec), { rec, entry: entries[i]! }))
            const fresh = new Set(cache.fresh.map((p) => entries[p]))
            for (const [k, { rec, entry }] of now) {
              const old = before.get(k)
              const kept = old !== undefined && same(old.rec, rec)
              // The same object exactly when the record is unchanged; a fresh one otherwise.
              expect(old?.entry === entry).toBe(kept)
              expect(fresh.has(entry)).toBe(!kept)
            }
            const gone = new Set(cache.gone)
            for (const [k, { rec, entry }] of before) {
              const still = now.get(k)
              expect(gone.has(entry)).toBe(!(still && same(still.rec, rec)))
            }
            expect(cache.unchanged).toBe(cache.fresh.length === 0 && cache.gone.length === 0)
            before = now
          }
        },
      ),
      { numRuns: 300 },
    )
  })

  it('a replaced entry (owners attached) is the one handed back while the socket is unchanged', () => {
    const cache = new RecordCache()
    const recs: Rec[] = [
      { inode: 7, state: 1, protocol: 6 },
      { inode: 8, state: 1, protocol: 6 },
    ]
    const { entries } = dumpOf(cache, recs)
    const owned = { ...entries[1]!, owners: [{ pid: 1, name: 'x' }] }
    cache.replace(1, owned)
    expect(cache.positionOf(8)).toBe(1)
    expect(dumpOf(cache, recs).entries[1]).toBe(owned)
    expect(cache.unchanged).toBe(true)
    // Reordered by the kernel: still the same entries, found by inode.
    const reordered = dumpOf(cache, [...recs].reverse()).entries
    expect(reordered[0]).toBe(owned)
    expect(cache.unchanged).toBe(true)
  })
})
