import { describe, expect, it } from 'vitest'
import type { Kernel32 } from './kernel32'
import { ProcessNameCache, WELL_KNOWN_PROCESS_NAMES } from './process-names'
import { ProcessListError } from './system-processes'
import { readProcessEntry } from './toolhelp'
import { fakeKernel32, processEntry as entry } from './__fixtures__/fake-kernel32'

/** The name cache with NtQuerySystemInformation failing, so Toolhelp32 names every poll. */
const processNamer = (k: Kernel32) =>
  new ProcessNameCache(k, () => {
    throw new ProcessListError('NtQuerySystemInformation returned 0xc0000001')
  }).namer()

describe('Toolhelp32 process names (the fallback when NtQuerySystemInformation fails)', () => {
  it('reads pid and executable name from a PROCESSENTRY32W, stopping at the NUL', () => {
    expect(readProcessEntry(entry(4242, 'sqlservr.exe'))).toEqual({
      pid: 4242,
      name: 'sqlservr.exe',
    })
    expect(readProcessEntry(entry(7, 'привет.exe')).name).toBe('привет.exe')
  })

  it('names every pid of a poll from one snapshot, without opening processes', () => {
    const { k, calls } = fakeKernel32([
      [100, 'svchost.exe'],
      [200, 'postgres.exe'],
    ])
    const nameOf = processNamer(k)
    expect([nameOf(100), nameOf(200), nameOf(100)]).toEqual([
      'svchost.exe',
      'postgres.exe',
      'svchost.exe',
    ])
    expect(calls).toEqual({ snapshots: 1, opens: [] })
  })

  it('asks OpenProcess only for a pid the snapshot lacks, and once', () => {
    const { k, calls } = fakeKernel32([[100, 'svchost.exe']], { 300: 'late.exe' })
    const nameOf = processNamer(k)
    expect([nameOf(300), nameOf(300), nameOf(301)]).toEqual(['late.exe', 'late.exe', undefined])
    expect(calls.opens).toEqual([300, 301])
  })

  it('names pid 0 and 4 as Task Manager and psutil do, without asking Windows', () => {
    const { k, calls } = fakeKernel32([])
    const nameOf = processNamer(k)
    expect([nameOf(0), nameOf(4)]).toEqual(['System Idle Process', 'System'])
    expect(WELL_KNOWN_PROCESS_NAMES.size).toBe(2)
    expect(calls.snapshots).toBe(0)
  })
})
