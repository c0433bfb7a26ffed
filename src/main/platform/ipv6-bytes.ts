import { ipv6Words } from '../../shared/bind-address'

/** 16 network-order bytes of an IPv6 literal (validated by addressFamily first), for a sockaddr. */
export function ipv6Bytes(text: string): Buffer {
  const out = Buffer.alloc(16)
  ipv6Words(text).forEach((w, i) => out.writeUInt16BE(w, 2 * i))
  return out
}
