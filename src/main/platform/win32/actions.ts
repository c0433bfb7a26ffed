import { isIPv4 } from 'node:net'
import { PortwardenError } from '../../../shared/errors'
import type { ConnectionRequest, ProcessDetails } from '../../../shared/process-actions'
import type { ProcessBackend } from '../process-backend'
import { lazyDll } from './lazy-dll'

// winnt.h / winbase.h / tcpmib.h
const PROCESS_TERMINATE = 0x0001
const SYNCHRONIZE = 0x00100000
const PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
const WAIT_TIMEOUT = 0x102
const ERROR_ACCESS_DENIED = 5
const ERROR_INVALID_PARAMETER = 87
const MIB_TCP_STATE_DELETE_TCB = 12

interface Calls {
  /** https://learn.microsoft.com/windows/win32/api/processthreadsapi/nf-processthreadsapi-openprocess */
  OpenProcess(access: number, inherit: number, pid: number): unknown
  /** https://learn.microsoft.com/windows/win32/api/processthreadsapi/nf-processthreadsapi-terminateprocess */
  TerminateProcess(process: unknown, code: number): number
  /** https://learn.microsoft.com/windows/win32/api/synchapi/nf-synchapi-waitforsingleobject */
  WaitForSingleObject(handle: unknown, ms: number): number
  /** https://learn.microsoft.com/windows/win32/api/processthreadsapi/nf-processthreadsapi-getprocesstimes */
  GetProcessTimes(p: unknown, created: Buffer, exited: Buffer, kernel: Buffer, user: Buffer): number
  /** https://learn.microsoft.com/windows/win32/api/winbase/nf-winbase-queryfullprocessimagenamew */
  QueryFullProcessImageNameW(process: unknown, flags: number, name: Buffer, size: [number]): number
  /** https://learn.microsoft.com/windows/win32/api/handleapi/nf-handleapi-closehandle */
  CloseHandle(handle: unknown): number
  /** https://learn.microsoft.com/windows/win32/api/errhandlingapi/nf-errhandlingapi-getlasterror */
  GetLastError(): number
  /** https://learn.microsoft.com/windows/win32/api/iphlpapi/nf-iphlpapi-settcpentry */
  SetTcpEntry(row: Buffer): number
}

function bind(): Calls {
  const k32 = lazyDll('kernel32.dll', {
    library: 'kernel32.dll is not available on this system.',
    func: (name) => `This system's kernel32.dll lacks ${name}.`,
  })
  const ip = lazyDll('iphlpapi.dll', {
    library: 'iphlpapi.dll is not available on this system.',
    func: (name) => `This system's iphlpapi.dll lacks ${name}.`,
  })
  return {
    OpenProcess: k32('void *OpenProcess(uint32_t access, int inherit, uint32_t pid)'),
    TerminateProcess: k32('int TerminateProcess(void *process, uint32_t code)'),
    WaitForSingleObject: k32('uint32_t WaitForSingleObject(void *handle, uint32_t ms)'),
    GetProcessTimes: k32(
      'int GetProcessTimes(void *p, _Out_ void *created, _Out_ void *exited, _Out_ void *kernel, _Out_ void *user)',
    ),
    QueryFullProcessImageNameW: k32(
      'int QueryFullProcessImageNameW(void *process, uint32_t flags, _Out_ void *name, _Inout_ uint32_t *size)',
    ),
    CloseHandle: k32('int CloseHandle(void *handle)'),
    GetLastError: k32('uint32_t GetLastError()'),
    SetTcpEntry: ip('uint32_t SetTcpEntry(const void *row)'),
  }
}

/** FILETIME (100 ns since 1601) of the process's creation: with the pid, who it is. */
function creationTime(c: Calls, handle: unknown): bigint | undefined {
  const [a, b, d, e] = [Buffer.alloc(8), Buffer.alloc(8), Buffer.alloc(8), Buffer.alloc(8)]
  return c.GetProcessTimes(handle, a, b, d, e) ? a.readBigUInt64LE() : undefined
}

const FILETIME_EPOCH_MS = 11_644_473_600_000n

/**
 * Windows: TerminateProcess (there is no polite SIGTERM for a process without a window),
 * SetTcpEntry with MIB_TCP_STATE_DELETE_TCB for an IPv4 TCP connection (IPv6 has no
 * equivalent), and the image path and creation time for who a process is.
 * Not yet run on a real Windows: only type-checked here.
 */
export function win32Processes(): ProcessBackend {
  const c = bind()
  const open = (access: number, pid: number) => {
    const h = c.OpenProcess(access, 0, pid)
    return h ? h : undefined
  }
  const withHandle = <T>(access: number, pid: number, use: (h: unknown) => T): T | undefined => {
    const h = open(access, pid)
    if (!h) return undefined
    try {
      return use(h)
    } finally {
      c.CloseHandle(h)
    }
  }
  const identity = (pid: number) =>
    withHandle(PROCESS_QUERY_LIMITED_INFORMATION, pid, (h) => creationTime(c, h)?.toString())
  const isRunning = (pid: number, expected?: string) =>
    withHandle(SYNCHRONIZE | PROCESS_QUERY_LIMITED_INFORMATION, pid, (h) => {
      if (c.WaitForSingleObject(h, 0) !== WAIT_TIMEOUT) return false
      return expected === undefined || creationTime(c, h)?.toString() === expected
    }) ?? false
  return {
    gracefulEnd: false,
    identity,
    isRunning,
    details(pid): ProcessDetails {
      const found = withHandle(PROCESS_QUERY_LIMITED_INFORMATION, pid, (h) => {
        const chars = 32_768
        const buf = Buffer.alloc(chars * 2)
        const size: [number] = [chars]
        const exe = c.QueryFullProcessImageNameW(h, 0, buf, size)
          ? buf.toString('utf16le', 0, size[0] * 2)
          : undefined
        return { exe, created: creationTime(c, h) }
      })
      if (!found)
        throw new PortwardenError(
          'not-found',
          `Process ${pid} has exited, or Windows will not say.`,
        )
      const d: ProcessDetails = {
        pid,
        name: found.exe?.slice(found.exe.lastIndexOf('\\') + 1) ?? '',
        self: pid === process.pid,
        canSignal: true,
      }
      if (found.exe) d.exe = found.exe
      if (found.created !== undefined) {
        d.identity = found.created.toString()
        d.startedAt = new Date(Number(found.created / 10_000n - FILETIME_EPOCH_MS)).toISOString()
      }
      return d
    },
    signal(pid) {
      const h = open(PROCESS_TERMINATE, pid)
      if (!h) {
        const e = c.GetLastError()
        if (e === ERROR_ACCESS_DENIED)
          throw new PortwardenError(
            'permission-denied',
            `Process ${pid} belongs to another user or to the system: ending it needs an administrator.`,
            `OpenProcess(PROCESS_TERMINATE, ${pid}): ERROR_ACCESS_DENIED — run: taskkill /F /PID ${pid}`,
          )
        throw new PortwardenError('not-found', `Process ${pid} has already exited.`, `error ${e}`)
      }
      try {
        if (!c.TerminateProcess(h, 1))
          throw new PortwardenError(
            'internal',
            `Windows refused to end process ${pid}.`,
            `error ${c.GetLastError()}`,
          )
      } finally {
        c.CloseHandle(h)
      }
    },
    closeConnection(conn: ConnectionRequest) {
      if (conn.protocol !== 'tcp' || conn.family !== 'ipv4' || !isIPv4(conn.remoteAddress))
        throw new PortwardenError(
          'not-supported',
          'Windows can close IPv4 TCP connections only (SetTcpEntry); end the process instead.',
        )
      // MIB_TCPROW: five DWORDs; addresses and ports in network byte order.
      const row = Buffer.alloc(20)
      row.writeUInt32LE(MIB_TCP_STATE_DELETE_TCB, 0)
      Buffer.from(conn.localAddress.split('.').map(Number)).copy(row, 4)
      row.writeUInt16BE(conn.localPort, 8)
      Buffer.from(conn.remoteAddress.split('.').map(Number)).copy(row, 12)
      row.writeUInt16BE(conn.remotePort, 16)
      const e = c.SetTcpEntry(row)
      if (e === 0) return
      if (e === ERROR_ACCESS_DENIED || e === 317 /* ERROR_MR_MID_NOT_FOUND: not elevated */)
        throw new PortwardenError(
          'permission-denied',
          'Closing a connection needs Portwarden to run as administrator.',
          `SetTcpEntry: ${e}`,
        )
      if (e === ERROR_INVALID_PARAMETER)
        throw new PortwardenError(
          'not-found',
          'That connection is already closed.',
          `SetTcpEntry: ${e}`,
        )
      throw new PortwardenError(
        'internal',
        'Windows refused to close the connection.',
        `SetTcpEntry: ${e}`,
      )
    },
  }
}
