import { PortwardenError } from '../../../shared/errors'
import { WSADATA_SIZE } from './ctypes'
import { lazyDll } from './lazy-dll'

/** mstcpip.h: _WSAIOW(IOC_VENDOR, 100..102) = IOC_IN | IOC_VENDOR | n. */
export const SIO_ACQUIRE_PORT_RESERVATION = 0x98000064
export const SIO_RELEASE_PORT_RESERVATION = 0x98000065
export const SIO_ASSOCIATE_PORT_RESERVATION = 0x98000066

export const AF_INET = 2
export const AF_INET6 = 23
export const SOCK_STREAM = 1
export const SOCK_DGRAM = 2
export const IPPROTO_TCP = 6
export const IPPROTO_UDP = 17
export const IPPROTO_IPV6 = 41
export const SOCKET_ERROR = -1
/** ~0 as a SOCKET; koffi returns it as a BigInt because it exceeds 2^53. */
export const INVALID_SOCKET = 2n ** 64n - 1n
const WINSOCK_2_2 = 0x0202

/** winsock2.h: the socket handle is not inherited by child processes (golang.org/x/sys: 0x80). */
export const WSA_FLAG_NO_HANDLE_INHERIT = 0x80
/** ws2def.h / ws2ipdef.h socket options (golang.org/x/sys/windows types_windows.go). */
export const SOL_SOCKET = 0xffff
export const SO_REUSEADDR = 4
/** winsock.h: `#define SO_EXCLUSIVEADDRUSE ((int)(~SO_REUSEADDR))` = -5. */
export const SO_EXCLUSIVEADDRUSE = ~SO_REUSEADDR
export const IPV6_V6ONLY = 27

/** A SOCKET as koffi hands it back: a number, or a BigInt when it exceeds 2^53. */
export type SocketHandle = number | bigint

export interface Ws2_32 {
  /** https://learn.microsoft.com/windows/win32/api/winsock2/nf-winsock2-socket */
  socket(af: number, type: number, protocol: number): SocketHandle
  /**
   * https://learn.microsoft.com/windows/win32/api/winsock2/nf-winsock2-wsasocketw — used with
   * WSA_FLAG_NO_HANDLE_INHERIT: socket() handles are inheritable, and libuv's spawn
   * (CreateProcessW with bInheritHandles = TRUE, libuv src/win/process.c) hands every
   * inheritable handle to the child, so a reservation could outlive its release while a child
   * runs (compare dotnet/corefx#27671). libuv creates its own sockets the same way (src/win/tcp.c).
   */
  WSASocketW(
    af: number,
    type: number,
    protocol: number,
    info: null,
    group: number,
    flags: number,
  ): SocketHandle
  /** https://learn.microsoft.com/windows/win32/api/winsock/nf-winsock-closesocket */
  closesocket(s: SocketHandle): number
  /** https://learn.microsoft.com/windows/win32/api/winsock/nf-winsock-bind */
  bind(s: SocketHandle, addr: Buffer, len: number): number
  /** https://learn.microsoft.com/windows/win32/api/winsock/nf-winsock-getsockname */
  getsockname(s: SocketHandle, addr: Buffer, len: [number]): number
  /** https://learn.microsoft.com/windows/win32/api/winsock/nf-winsock-setsockopt */
  setsockopt(s: SocketHandle, level: number, name: number, value: Buffer, len: number): number
  /** https://learn.microsoft.com/windows/win32/api/winsock2/nf-winsock2-wsaioctl */
  WSAIoctl(
    s: SocketHandle,
    code: number,
    inBuf: Buffer | null,
    inLen: number,
    outBuf: Buffer | null,
    outLen: number,
    bytesReturned: [number],
    overlapped: null,
    completion: null,
  ): number
  /** https://learn.microsoft.com/windows/win32/api/winsock/nf-winsock-wsagetlasterror */
  WSAGetLastError(): number
  /** WSAStartup(2.2) once per binding, before the first socket; throws if Winsock refuses. */
  ready(): void
}

/**
 * Binds Winsock from `path` ("ws2_32.dll", or a stand-in DLL in tests). koffi keeps the thread's
 * last error intact between two koffi calls, so WSAGetLastError() right after a failed call is
 * reliable. On x64 __stdcall is the default convention, so plain prototypes suffice.
 */
export function bindWs2_32(path = 'ws2_32.dll'): Ws2_32 {
  const fn = lazyDll(path, {
    library: 'Windows Sockets (ws2_32.dll) is not available on this system.',
    func: (name) => `This system's Windows Sockets library lacks ${name}.`,
  })
  // https://learn.microsoft.com/windows/win32/api/winsock/nf-winsock-wsastartup
  const startup = fn<(version: number, data: Buffer) => number>(
    'int WSAStartup(WORD version, _Out_ void *data)',
  )
  let started = false
  return {
    socket: fn('SOCKET socket(int af, int type, int protocol)'),
    WSASocketW: fn(
      'SOCKET WSASocketW(int af, int type, int protocol, void *info, uint32_t group, DWORD flags)',
    ),
    closesocket: fn('int closesocket(SOCKET s)'),
    bind: fn('int bind(SOCKET s, const void *addr, int len)'),
    getsockname: fn('int getsockname(SOCKET s, _Out_ void *addr, _Inout_ int *len)'),
    setsockopt: fn('int setsockopt(SOCKET s, int level, int name, const void *value, int len)'),
    WSAIoctl: fn(
      'int WSAIoctl(SOCKET s, DWORD code, const void *inBuf, DWORD inLen, _Out_ void *outBuf,' +
        ' DWORD outLen, _Out_ DWORD *bytesReturned, void *overlapped, void *completion)',
    ),
    WSAGetLastError: fn('int WSAGetLastError()'),
    ready() {
      if (started) return
      // WSAStartup returns its error directly; WSAGetLastError is not valid before it succeeds.
      const rc = startup(WINSOCK_2_2, Buffer.alloc(WSADATA_SIZE))
      if (rc !== 0) {
        throw new PortwardenError(
          'not-supported',
          'Windows Sockets could not be started on this system.',
          `WSAStartup(2.2) returned ${rc}`,
        )
      }
      started = true
    },
  }
}
