import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { socketKey } from '../../shared/inventory'
import type { SocketEntry } from '../../shared/sockets'
import { diffChanges, diffSockets, SocketIndex } from './inventory-diff'

function entry(inode: number, port: number, state: SocketEntry['state'] = 'LISTEN'): SocketEntry {
  return {
    protocol: 'tcp',
    family: 'ipv4',
    state,
    localAddress: '127.0.0.1',
    localPort: port,
    remoteAddress: '0.0.0.0',
    remotePort: 0,
    inode,
    uid: 0,
    owners: [],
  }
}

/** What a change does to one socket of the listing before. */
const change = fc.constantFrom('keep', 'drop', 'state', 'owners', 'ends', 'same-copy')

const sorted = (d: { added: SocketEntry[]; changed: SocketEntry[]; removed: string[] }) => ({
  added: d.added.map(socketKey).sort(),
  changed: d.changed.map(socketKey).sort(),
  removed: [...d.removed].sort(),
})

describe('diffChanges (from what the lister says changed) = diffSockets (comparing all)', () => {
  it('the same added, changed and removed, and the index it leaves is the next listing’s', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), change), { maxLength: 60 }),
        fc.integer({ min: 0, max: 10 }),
        (plan, newOnes) => {
          // Sockets with inodes, and some without (TIME_WAIT: keyed by their ends).
          const before = plan.map(([withInode], i) =>
            entry(withInode ? 1000 + i : 0, 2000 + i, withInode ? 'LISTEN' : 'TIME_WAIT'),
          )
          const after: SocketEntry[] = []
          before.forEach((s, i) => {
            const what = plan[i]![1]
            if (what === 'keep') after.push(s)
            else if (what === 'state') after.push({ ...s, state: 'CLOSE_WAIT' })
            else if (what === 'owners') after.push({ ...s, owners: [{ pid: 7, name: 'x' }] })
            else if (what === 'ends') after.push({ ...s, remotePort: 9 })
            else if (what === 'same-copy') after.push({ ...s }) // a new object, nothing changed
          })
          for (let i = 0; i < newOnes; i++) after.push(entry(5000 + i, 6000 + i))
          const inBefore = new Set(before)
          const inAfter = new Set(after)
          const changes = {
            added: after.filter((s) => !inBefore.has(s)),
            removed: before.filter((s) => !inAfter.has(s)),
          }
          const whole = diffSockets(SocketIndex.of(before), after)
          const index = SocketIndex.of(before)
          const fast = diffChanges(index, changes)
          expect(sorted(fast)).toEqual(sorted(whole))
          expect([...index.byInode].sort()).toEqual([...whole.index.byInode].sort())
          expect([...index.byKey].sort()).toEqual([...whole.index.byKey].sort())
        },
      ),
      { numRuns: 300 },
    )
  })
})
