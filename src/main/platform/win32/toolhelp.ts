import koffi from 'koffi'
import { assertSize, once } from './ctypes'
import { INVALID_HANDLE_VALUE, TH32CS_SNAPPROCESS, type Kernel32 } from './kernel32'

/**
 * Process names from one Toolhelp32 snapshot. The snapshot names every process, including
 * those OpenProcess refuses (services of other users, protected processes), without opening
 * any of them — psutil falls back to it for exactly that (giampaolo/psutil#599, commit
 * 29defce). One snapshot per poll costs one call per process instead of one OpenProcess each.
 */

/**
 * tlhelp32.h PROCESSENTRY32W on x64: dwSize, cntUsage, th32ProcessID (offset 8), 4 bytes of
 * padding, th32DefaultHeapID (ULONG_PTR), th32ModuleID, cntThreads, th32ParentProcessID,
 * pcPriClassBase, dwFlags, szExeFile[MAX_PATH] (offset 44); 568 bytes (golang.org/x/sys
 * windows.ProcessEntry32 has the same fields).
 */
export const PROCESSENTRY32W = assertSize(
  once('PROCESSENTRY32W', () =>
    koffi.struct('PROCESSENTRY32W', {
      dwSize: 'DWORD',
      cntUsage: 'DWORD',
      th32ProcessID: 'DWORD',
      th32DefaultHeapID: 'uintptr_t',
      th32ModuleID: 'DWORD',
      cntThreads: 'DWORD',
      th32ParentProcessID: 'DWORD',
      pcPriClassBase: 'int32_t',
      dwFlags: 'DWORD',
      szExeFile: koffi.array('uint16_t', 260),
    }),
  ),
  'PROCESSENTRY32W',
  568,
)
export const PROCESSENTRY32W_SIZE = 568
const PID_OFFSET = koffi.offsetof(PROCESSENTRY32W, 'th32ProcessID')
const EXE_OFFSET = koffi.offsetof(PROCESSENTRY32W, 'szExeFile')

/** pid and executable name of one PROCESSENTRY32W, read straight from its bytes. */
export function readProcessEntry(entry: Buffer): { pid: number; name: string } {
  const exe = entry.subarray(EXE_OFFSET, PROCESSENTRY32W_SIZE)
  let end = 0
  while (end + 1 < exe.length && (exe[end] !== 0 || exe[end + 1] !== 0)) end += 2
  return { pid: entry.readUInt32LE(PID_OFFSET), name: exe.toString('utf16le', 0, end) }
}

/** Every process's pid → executable name, from one snapshot. Throws when Windows refuses one. */
export function snapshotProcessNames(k: Kernel32): Map<number, string> {
  const snap = k.CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0)
  if (Number(snap) === INVALID_HANDLE_VALUE) {
    throw new Error(`CreateToolhelp32Snapshot failed with ${k.GetLastError()}`)
  }
  const names = new Map<number, string>()
  try {
    const entry = Buffer.alloc(PROCESSENTRY32W_SIZE)
    entry.writeUInt32LE(PROCESSENTRY32W_SIZE, 0) // dwSize must be set before the first call
    for (let ok = k.Process32FirstW(snap, entry); ok; ok = k.Process32NextW(snap, entry)) {
      const { pid, name } = readProcessEntry(entry)
      names.set(pid, name)
    }
  } finally {
    k.CloseHandleValue(snap)
  }
  return names
}
