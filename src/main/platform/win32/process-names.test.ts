import { describe, expect, it } from 'vitest'
import type { Kernel32 } from './kernel32'
import { ProcessNameCache } from './process-names'
import { ProcessListError, type SystemProcess } from './system-processes'
import { fakeKernel32 } from './__fixtures__/fake-kernel32'

/**
 * The cache against injected process lists: a model of what NtQuerySystemInformation returns
 * from poll to poll (the Wine lane runs the same cache on Wine's real list, test/win32).
 */
type Row = [pid: number, createTime: bigint, name: string]

/** A list whose entries count how many names were decoded, as the real reader's do lazily. */
function lists(...polls: (Row[] | Error)[]) {
  let poll = 0
  const decodes: number[] = []
  const read = (): SystemProcess[] => {
    const rows = polls[poll++]
    if (rows === undefined) throw new Error('more polls than the test planned')
    if (rows instanceof Error) throw rows
    return rows.map(([pid, createTime, name]) => ({
      pid,
      createTime,
      imageName: () => (decodes.push(pid), name),
    }))
  }
  return { read, decodes }
}

describe('process-name cache keyed by pid and creation time (model: injected process lists)', () => {
  it('decodes every name on the first poll, and only new processes on the next', () => {
    const { read, decodes } = lists(
      [
        [100, 1n, 'svchost.exe'],
        [200, 2n, 'postgres.exe'],
      ],
      [
        [100, 1n, 'svchost.exe'],
        [200, 2n, 'postgres.exe'],
        [300, 3n, 'redis-server.exe'],
      ],
    )
    const cache = new ProcessNameCache(fakeKernel32().k, read)
    const first = cache.namer()
    expect([first(100), first(200), first(100)]).toEqual(['svchost.exe', 'postgres.exe', 'svchost.exe'])
    expect(cache.stats).toEqual({ source: 'ntdll', processes: 2, decoded: [100, 200], dropped: [], opened: 0 })
    const second = cache.namer()
    expect([second(300), second(100)]).toEqual(['redis-server.exe', 'svchost.exe'])
    expect(cache.stats.decoded).toEqual([300])
    expect(decodes).toEqual([100, 200, 300])
  }) // prettier-ignore

  it('drops processes that exited', () => {
    const { read } = lists(
      [
        [100, 1n, 'svchost.exe'],
        [200, 2n, 'postgres.exe'],
      ],
      [[100, 1n, 'svchost.exe']],
    )
    const { k, calls } = fakeKernel32()
    const cache = new ProcessNameCache(k, read)
    cache.namer()(100)
    const after = cache.namer()
    expect(after(200)).toBeUndefined() // gone: OpenProcess is asked, and cannot answer
    expect(cache.stats).toMatchObject({ processes: 1, decoded: [], dropped: [200], opened: 1 })
    expect(calls.opens).toEqual([200])
  })

  it('model: a reused pid (same pid, another creation time) gets the new process name, never the old', () => {
    // Wine cannot make Windows reuse a pid on demand, so this is modelled with injected lists.
    const { read, decodes } = lists(
      [[500, 133_000_000_000_000_000n, 'old-server.exe']],
      [[500, 133_000_000_600_000_000n, 'new-client.exe']],
      [[500, 133_000_000_600_000_000n, 'new-client.exe']],
    )
    const cache = new ProcessNameCache(fakeKernel32().k, read)
    expect(cache.namer()(500)).toBe('old-server.exe')
    expect(cache.namer()(500)).toBe('new-client.exe')
    expect(cache.stats).toMatchObject({ decoded: [500], dropped: [500], processes: 1 })
    expect(cache.namer()(500)).toBe('new-client.exe')
    expect(cache.stats.decoded).toEqual([])
    expect(decodes).toEqual([500, 500])
  })

  it('reads the list once per poll, and not at all when only pids 0 and 4 are asked', () => {
    let reads = 0
    const cache = new ProcessNameCache(fakeKernel32().k, () => (reads++, []))
    const nameOf = cache.namer()
    expect([nameOf(0), nameOf(4)]).toEqual(['System Idle Process', 'System'])
    expect(reads).toBe(0)
    nameOf(9)
    nameOf(10)
    expect(reads).toBe(1)
  })

  it('keeps pids 0 and 4 on their well-known names, whatever the list calls them', () => {
    const { read, decodes } = lists([
      [0, 0n, ''],
      [4, 0n, 'NotSystem.exe'],
      [8, 1n, 'a.exe'],
    ])
    const cache = new ProcessNameCache(fakeKernel32().k, read)
    const nameOf = cache.namer()
    expect([nameOf(0), nameOf(4), nameOf(8)]).toEqual(['System Idle Process', 'System', 'a.exe'])
    expect(decodes).toEqual([8])
  })

  it('asks OpenProcess, once per poll, for a pid started after the list was read', () => {
    const { read } = lists([[100, 1n, 'svchost.exe']], [[100, 1n, 'svchost.exe']])
    const { k, calls } = fakeKernel32([], { 300: 'late.exe' })
    const cache = new ProcessNameCache(k, read)
    const nameOf = cache.namer()
    expect([nameOf(300), nameOf(300), nameOf(301)]).toEqual(['late.exe', 'late.exe', undefined])
    expect(calls.opens).toEqual([300, 301])
    expect(cache.stats.opened).toBe(2)
    // Not remembered across polls: without its creation time a later poll could not tell reuse.
    cache.namer()(300)
    expect(calls.opens).toEqual([300, 301, 300])
  })

  it('falls back to one Toolhelp32 snapshot when the list cannot be read, and forgets the cache', () => {
    const { read, decodes } = lists(
      [[100, 1n, 'svchost.exe']],
      new ProcessListError('entry at 0: NextEntryOffset 8 is shorter than an entry'),
      [[100, 1n, 'svchost.exe']],
    )
    const { k, calls } = fakeKernel32([[100, 'svchost.exe'], [200, 'postgres.exe']])
    const cache = new ProcessNameCache(k, read)
    cache.namer()(100)
    const fallback = cache.namer()
    expect([fallback(100), fallback(200)]).toEqual(['svchost.exe', 'postgres.exe'])
    expect(cache.stats).toMatchObject({ source: 'toolhelp', processes: 0, dropped: [100] })
    expect(calls.snapshots).toBe(1)
    // Back on the list: everything is decoded afresh (the fallback had no creation times).
    expect(cache.namer()(100)).toBe('svchost.exe')
    expect(cache.stats).toMatchObject({ source: 'ntdll', decoded: [100] })
    expect(decodes).toEqual([100, 100])
  }) // prettier-ignore

  it('names nothing, without throwing, when the list and the snapshot both fail', () => {
    const { read } = lists(new ProcessListError('NtQuerySystemInformation returned 0xc0000022'))
    const k = {
      ...fakeKernel32().k,
      CreateToolhelp32Snapshot: () => -1,
      OpenProcess: () => null,
    } as unknown as Kernel32
    const cache = new ProcessNameCache(k, read)
    expect(cache.namer()(100)).toBeUndefined()
    expect(cache.stats.source).toBe('none')
  })
})
