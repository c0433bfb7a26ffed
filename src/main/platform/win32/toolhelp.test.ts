import { describe, expect, it } from 'vitest'
import type { Kernel32 } from './kernel32'
import { ProcessNameCache, WELL_KNOWN_PROCESS_NAMES } from './process-names'
import { ProcessListError } from './system-processes'
import { PROCESSENTRY32W_SIZE, readProcessEntry } from './toolhelp'

/** The name cache with NtQuerySystemInformation failing, so Toolhelp32 names every poll. */
const processNamer = (k: Kernel32) =>
  new ProcessNameCache(k, () => {
    throw new ProcessListError('NtQuerySystemInformation returned 0xc0000001')
  }).namer()

/** A PROCESSENTRY32W laid out by hand: pid at offset 8, szExeFile (UTF-16) at offset 44. */
function entry(pid: number, name: string): Buffer {
  const b = Buffer.alloc(PROCESSENTRY32W_SIZE)
  b.writeUInt32LE(PROCESSENTRY32W_SIZE, 0)
  b.writeUInt32LE(pid, 8)
  b.write(name, 44, 'utf16le')
  return b
}

/** A kernel32 whose snapshot lists `procs` and whose OpenProcess answers only for `openable`. */
function fakeKernel32(procs: [number, string][], openable: Record<number, string> = {}) {
  const calls = { snapshots: 0, opens: [] as number[] }
  let i = 0
  const next = (_snap: unknown, buf: Buffer) => {
    const p = procs[i++]
    if (!p) return 0
    entry(p[0], p[1]).copy(buf)
    return 1
  }
  const k = {
    CreateToolhelp32Snapshot: () => (calls.snapshots++, (i = 0), 99),
    Process32FirstW: next,
    Process32NextW: next,
    CloseHandleValue: () => 1,
    GetLastError: () => 0,
    OpenProcess: (_a: number, _i: number, pid: number) => (
      calls.opens.push(pid),
      openable[pid] ? pid : null
    ),
    QueryFullProcessImageNameW: (h: number, _f: number, buf: Buffer, size: [number]) => {
      const path = `C:\\Apps\\${openable[h]}`
      buf.write(path, 0, 'utf16le')
      size[0] = path.length
      return 1
    },
    CloseHandle: () => 1,
  } as unknown as Kernel32
  return { k, calls }
}

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
