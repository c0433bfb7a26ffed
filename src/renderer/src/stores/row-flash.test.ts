import { describe, expect, it } from 'vitest'
import {
  GHOST_MS,
  KEEP_MS,
  listChanges,
  liveGhosts,
  pruneFlashes,
  stampFlashes,
  withGhosts,
} from './row-flash'

describe('stampFlashes', () => {
  it('stamps added and changed keys and drops stamps past their animation', () => {
    const first = stampFlashes(new Map(), ['a'], ['b'], 1000, 1)
    const next = stampFlashes(first, ['c'], [], 1000 + KEEP_MS, 2)
    expect([...next.keys()]).toEqual(['c'])
    expect(first.get('b')).toEqual({ kind: 'changed', at: 1000, seq: 1 })
  })

  it('pruneFlashes keeps the same map when nothing is stale', () => {
    const flashes = stampFlashes(new Map(), ['a'], [], 1000, 1)
    expect(pruneFlashes(flashes, 1001)).toBe(flashes)
    expect(pruneFlashes(flashes, 1000 + KEEP_MS).size).toBe(0)
  })
})

describe('listChanges and ghosts', () => {
  const key = (r: { id: string }) => r.id
  it('finds added, changed and removed rows, with where the removed ones were', () => {
    const before = [
      { id: 'a', v: 1 },
      { id: 'b', v: 1 },
      { id: 'c', v: 1 },
    ]
    const after = [
      { id: 'a', v: 2 },
      { id: 'c', v: 1 },
      { id: 'd', v: 1 },
    ]
    const changes = listChanges(before, after, key, (x, y) => x.v !== y.v)
    expect(changes.added).toEqual(['d'])
    expect(changes.changed).toEqual(['a'])
    expect(changes.removed).toEqual([{ key: 'b', row: before[1], index: 1 }])
  })

  it('puts ghosts back where they were and lets them go when faded or live again', () => {
    const ghosts = [{ key: 'b', row: { id: 'b' }, at: 0, index: 1 }]
    expect(withGhosts([{ id: 'a' }, { id: 'c' }], ghosts).map((r) => [r.row.id, r.ghost])).toEqual([
      ['a', false],
      ['b', true],
      ['c', false],
    ])
    expect(liveGhosts(ghosts, GHOST_MS - 1, () => false)).toHaveLength(1)
    expect(liveGhosts(ghosts, GHOST_MS, () => false)).toHaveLength(0)
    expect(liveGhosts(ghosts, 0, (k) => k === 'b')).toHaveLength(0)
  })
})
