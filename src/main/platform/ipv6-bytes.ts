import { ipv6Words } from '../../shared/bind-address'

/** 16 network-order bytes of an IPv6 literal (validated by addressFamily first), for a sockaddr. */
export function ipv6Bytes(text: string): Buffer {
  const out = Buffer.alloc(16)
  ipv6Words(text).forEach((w, i) => out.writeUInt16BE(w, 2 * i))
  return out
}

/**
 * sockaddr_in (16 bytes) or sockaddr_in6 (28 bytes) for a validated address literal, port 0
 * (written per probe). Linux and Windows lay both out the same; only the family numbers
 * differ, so each platform passes its own `af`. `scopeId` is the IPv6 scope, resolved by the
 * platform (an interface name on Linux, an index on Windows).
 */
export function literalSockaddr(
  text: string,
  family: 'ipv4' | 'ipv6',
  af: { inet: number; inet6: number },
  scopeId?: number,
): Buffer {
  if (family === 'ipv4') {
    const addr = Buffer.alloc(16)
    addr.writeUInt16LE(af.inet, 0)
    text.split('.').forEach((b, i) => addr.writeUInt8(Number(b), 4 + i))
    return addr
  }
  const addr = Buffer.alloc(28)
  addr.writeUInt16LE(af.inet6, 0)
  ipv6Bytes(text).copy(addr, 8)
  if (scopeId !== undefined) addr.writeUInt32LE(scopeId >>> 0, 24)
  return addr
}
