import koffi from 'koffi'

/** errno values Portwarden turns into specific errors (asm-generic/errno*.h). */
export const Errno = {
  EPERM: 1,
  EACCES: 13,
  EINVAL: 22,
  ENFILE: 23,
  EMFILE: 24,
  ENOBUFS: 105,
  ENOMEM: 12,
  EAFNOSUPPORT: 97,
  EADDRINUSE: 98,
  EADDRNOTAVAIL: 99,
} as const

export const AF_INET = 2
export const AF_INET6 = 10
export const SOCK_STREAM = 1
export const SOCK_DGRAM = 2
export const SOCK_CLOEXEC = 0o2000000
export const IPPROTO_IPV6 = 41
export const IPV6_V6ONLY = 26

export interface Libc {
  /** https://man7.org/linux/man-pages/man2/socket.2.html */
  socket(domain: number, type: number, protocol: number): number
  /** https://man7.org/linux/man-pages/man2/bind.2.html */
  bind(fd: number, addr: Buffer, addrlen: number): number
  /** https://man7.org/linux/man-pages/man2/setsockopt.2.html */
  setsockopt(fd: number, level: number, name: number, value: Buffer, len: number): number
  /** https://man7.org/linux/man-pages/man2/getsockname.2.html */
  getsockname(fd: number, addr: Buffer, addrlen: number[]): number
  /** https://man7.org/linux/man-pages/man2/close.2.html */
  close(fd: number): number
  /** errno of the last failed call on this thread. */
  errno(): number
}

let cached: Libc | undefined

/** Binds libc once, on first use, so merely importing this file loads nothing. */
export function libc(): Libc {
  if (cached) return cached
  const lib = koffi.load('libc.so.6')
  cached = {
    socket: lib.func('int socket(int domain, int type, int protocol)'),
    bind: lib.func('int bind(int fd, const void *addr, uint32_t addrlen)'),
    setsockopt: lib.func(
      'int setsockopt(int fd, int level, int name, const void *value, uint32_t len)',
    ),
    getsockname: lib.func('int getsockname(int fd, _Out_ void *addr, _Inout_ uint32_t *addrlen)'),
    close: lib.func('int close(int fd)'),
    errno: () => koffi.errno(),
  }
  return cached
}
