import { lazyDll } from './lazy-dll'

/** winnt.h: enough access to ask a process for its image name, granted for most processes. */
export const PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
/** winbase.h: the handle is inherited by child processes (golang.org/x/sys/windows: 0x1). */
export const HANDLE_FLAG_INHERIT = 0x1
/** tlhelp32.h: include every process in the snapshot. */
export const TH32CS_SNAPPROCESS = 0x2
/** (HANDLE)-1, what CreateToolhelp32Snapshot returns on failure. */
export const INVALID_HANDLE_VALUE = -1
const MAX_PATH = 260

export interface Kernel32 {
  /** https://learn.microsoft.com/windows/win32/api/winnls/nf-winnls-getoemcp */
  GetOEMCP(): number
  /** https://learn.microsoft.com/windows/win32/api/processthreadsapi/nf-processthreadsapi-openprocess */
  OpenProcess(access: number, inherit: number, pid: number): unknown
  /** https://learn.microsoft.com/windows/win32/api/winbase/nf-winbase-queryfullprocessimagenamew */
  QueryFullProcessImageNameW(process: unknown, flags: number, name: Buffer, size: [number]): number
  /** https://learn.microsoft.com/windows/win32/api/handleapi/nf-handleapi-closehandle */
  CloseHandle(handle: unknown): number
  /** CloseHandle for a handle held as an integer (a snapshot handle). */
  CloseHandleValue(handle: number | bigint): number
  /** https://learn.microsoft.com/windows/win32/api/sysinfoapi/nf-sysinfoapi-getsystemdirectoryw */
  GetSystemDirectoryW(buffer: Buffer, chars: number): number
  /** https://learn.microsoft.com/windows/win32/api/tlhelp32/nf-tlhelp32-createtoolhelp32snapshot */
  CreateToolhelp32Snapshot(flags: number, pid: number): number | bigint
  /** https://learn.microsoft.com/windows/win32/api/tlhelp32/nf-tlhelp32-process32firstw */
  Process32FirstW(snapshot: number | bigint, entry: Buffer): number
  /** https://learn.microsoft.com/windows/win32/api/tlhelp32/nf-tlhelp32-process32nextw */
  Process32NextW(snapshot: number | bigint, entry: Buffer): number
  /** https://learn.microsoft.com/windows/win32/api/handleapi/nf-handleapi-gethandleinformation */
  GetHandleInformation(handle: number | bigint, flags: [number]): number
  /** https://learn.microsoft.com/windows/win32/api/errhandlingapi/nf-errhandlingapi-getlasterror */
  GetLastError(): number
}

/** Binds the few kernel32 functions Portwarden needs, each on first call. */
export function bindKernel32(path = 'kernel32.dll'): Kernel32 {
  const fn = lazyDll(path, {
    library: 'kernel32.dll is not available on this system.',
    func: (name) => `This system's kernel32.dll lacks ${name}.`,
  })
  return {
    GetOEMCP: fn('UINT GetOEMCP()'),
    OpenProcess: fn('void *OpenProcess(DWORD access, BOOL inherit, DWORD pid)'),
    QueryFullProcessImageNameW: fn(
      'BOOL QueryFullProcessImageNameW(void *process, DWORD flags, _Out_ void *name, _Inout_ DWORD *size)',
    ),
    CloseHandle: fn('BOOL CloseHandle(void *handle)'),
    CloseHandleValue: fn('BOOL CloseHandle(intptr_t handle)'),
    GetSystemDirectoryW: fn('UINT GetSystemDirectoryW(_Out_ void *buffer, UINT chars)'),
    CreateToolhelp32Snapshot: fn('intptr_t CreateToolhelp32Snapshot(DWORD flags, DWORD pid)'),
    Process32FirstW: fn('BOOL Process32FirstW(intptr_t snapshot, _Inout_ void *entry)'),
    Process32NextW: fn('BOOL Process32NextW(intptr_t snapshot, _Inout_ void *entry)'),
    GetHandleInformation: fn('BOOL GetHandleInformation(uintptr_t handle, _Out_ DWORD *flags)'),
    GetLastError: fn('DWORD GetLastError()'),
  }
}

/** The executable name of `pid` ("node.exe"), or undefined when Windows will not say. */
export function processName(k: Kernel32, pid: number): string | undefined {
  const handle = k.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid)
  if (!handle) return undefined
  try {
    const chars = 1024
    const buf = Buffer.alloc(chars * 2)
    const size: [number] = [chars]
    if (!k.QueryFullProcessImageNameW(handle, 0, buf, size)) return undefined
    const path = buf.toString('utf16le', 0, size[0] * 2)
    return path.slice(path.lastIndexOf('\\') + 1)
  } finally {
    k.CloseHandle(handle)
  }
}

/**
 * The system directory ("C:\\Windows\\System32"), where netsh.exe and the other tools
 * Portwarden starts live. Asked of Windows rather than taken from %SystemRoot% or PATH, which
 * the environment controls.
 */
export function systemDirectory(k: Kernel32): string {
  const buf = Buffer.alloc(MAX_PATH * 2)
  const n = k.GetSystemDirectoryW(buf, MAX_PATH)
  if (n === 0 || n >= MAX_PATH) {
    throw new Error(`GetSystemDirectoryW returned ${n} (last error ${k.GetLastError()})`)
  }
  return buf.toString('utf16le', 0, n * 2)
}

/** Whether a child process started with handle inheritance on would receive `handle`. */
export function isInheritable(k: Kernel32, handle: number | bigint): boolean {
  const flags: [number] = [0]
  if (!k.GetHandleInformation(handle, flags)) {
    throw new Error(`GetHandleInformation failed with ${k.GetLastError()}`)
  }
  return (flags[0] & HANDLE_FLAG_INHERIT) !== 0
}
