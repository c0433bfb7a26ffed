import { lazyDll } from './lazy-dll'

/** winnt.h: enough access to ask a process for its image name, granted for most processes. */
export const PROCESS_QUERY_LIMITED_INFORMATION = 0x1000

export interface Kernel32 {
  /** https://learn.microsoft.com/windows/win32/api/winnls/nf-winnls-getoemcp */
  GetOEMCP(): number
  /** https://learn.microsoft.com/windows/win32/api/processthreadsapi/nf-processthreadsapi-openprocess */
  OpenProcess(access: number, inherit: number, pid: number): unknown
  /** https://learn.microsoft.com/windows/win32/api/winbase/nf-winbase-queryfullprocessimagenamew */
  QueryFullProcessImageNameW(process: unknown, flags: number, name: Buffer, size: [number]): number
  /** https://learn.microsoft.com/windows/win32/api/handleapi/nf-handleapi-closehandle */
  CloseHandle(handle: unknown): number
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
