import { AF_INET, AF_INET6 } from './libc'

export const SOCKADDR_IN_SIZE = 16
export const SOCKADDR_IN6_SIZE = 28

/** struct sockaddr_in for 0.0.0.0:port (family in host order, port in network order). */
export function wildcardSockaddrIn(port: number): Buffer {
  const b = Buffer.alloc(SOCKADDR_IN_SIZE)
  b.writeUInt16LE(AF_INET, 0)
  b.writeUInt16BE(port, 2)
  return b
}

/** struct sockaddr_in6 for [::]:port. */
export function wildcardSockaddrIn6(port: number): Buffer {
  const b = Buffer.alloc(SOCKADDR_IN6_SIZE)
  b.writeUInt16LE(AF_INET6, 0)
  b.writeUInt16BE(port, 2)
  return b
}

/** The port of a sockaddr_in or sockaddr_in6 filled in by the kernel. */
export const portOfSockaddr = (b: Buffer): number => b.readUInt16BE(2)
