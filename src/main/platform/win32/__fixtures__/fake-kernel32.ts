import type { Kernel32 } from '../kernel32'
import { PROCESSENTRY32W_SIZE } from '../toolhelp'

/** A PROCESSENTRY32W laid out by hand: pid at offset 8, szExeFile (UTF-16) at offset 44. */
export function processEntry(pid: number, name: string): Buffer {
  const b = Buffer.alloc(PROCESSENTRY32W_SIZE)
  b.writeUInt32LE(PROCESSENTRY32W_SIZE, 0)
  b.writeUInt32LE(pid, 8)
  b.write(name, 44, 'utf16le')
  return b
}

/**
 * A stand-in kernel32 for unit tests: a Toolhelp32 snapshot listing `procs`, OpenProcess and
 * QueryFullProcessImageNameW answering only for `openable` (pid → executable name). `calls`
 * counts snapshots and the pids opened.
 */
export function fakeKernel32(procs: [number, string][] = [], openable: Record<number, string> = {}) {
  const calls = { snapshots: 0, opens: [] as number[] }
  let i = 0
  const next = (_snap: unknown, buf: Buffer) => {
    const p = procs[i++]
    if (!p) return 0
    processEntry(p[0], p[1]).copy(buf)
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
