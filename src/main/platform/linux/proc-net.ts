import { readFileSync } from 'node:fs'
import { endianness } from 'node:os'
import type { Protocol } from '../../../shared/model'
import type { AddressFamily, SocketEntry } from '../../../shared/sockets'
import { dedupeSockets, formatIPv4, formatIPv6, socketState } from './inet-diag'

/** The kernel prints each 32-bit word of an address as a host-order number. */
const LE = endianness() === 'LE'

export const PROC_NET_FILES = [
  { protocol: 'tcp', family: 'ipv4', path: '/proc/net/tcp' },
  { protocol: 'tcp', family: 'ipv6', path: '/proc/net/tcp6' },
  { protocol: 'udp', family: 'ipv4', path: '/proc/net/udp' },
  { protocol: 'udp', family: 'ipv6', path: '/proc/net/udp6' },
] as const

const ROW_START = /^\d+:$/ // "sl" column, e.g. "12:"

/**
 * Parses the text of /proc/net/{tcp,tcp6,udp,udp6}: after a header line, one socket a line with
 * `sl local rem st tx:rx tr:when retrnsmt uid timeout inode ...`. Lines that do not look like a
 * socket (header, blank) are skipped. Bound-but-not-listening TCP sockets are never in them.
 * Owners are left empty: the text does not name them.
 */
export function parseProcNet(
  text: string,
  protocol: Protocol,
  family: AddressFamily,
): SocketEntry[] {
  const records: SocketEntry[] = []
  const scratch = new DataView(new ArrayBuffer(16))
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/)
    if (f.length < 10 || !ROW_START.test(f[0] ?? '')) continue
    const local = parseEndpoint(f[1] ?? '', family, scratch)
    const remote = parseEndpoint(f[2] ?? '', family, scratch)
    // uid and (socket) inode are unsigned 32-bit decimals, or the line is not the kernel's.
    const uid = u32(f[7])
    const inode = u32(f[9])
    if (!local || !remote || uid === undefined || inode === undefined) continue
    records.push({
      protocol,
      family,
      state: socketState(protocol, parseInt(f[3] ?? '', 16)),
      localAddress: local.address,
      localPort: local.port,
      remoteAddress: remote.address,
      remotePort: remote.port,
      inode,
      uid,
      owners: [],
    })
  }
  return records
}

/** A decimal field as an unsigned 32-bit number; undefined when it is anything else. */
function u32(text: string | undefined): number | undefined {
  if (!text || !/^\d{1,10}$/.test(text)) return undefined
  const n = Number(text)
  return n <= 0xffffffff ? n : undefined
}

/** "0100007F:1F90" → 127.0.0.1 port 8080 (on a little-endian host); undefined when malformed. */
function parseEndpoint(text: string, family: AddressFamily, scratch: DataView) {
  const [hex = '', portHex = ''] = text.split(':')
  const words = family === 'ipv4' ? 1 : 4
  // The kernel prints the port as exactly four hex digits.
  if (
    hex.length !== words * 8 ||
    !/^[0-9A-Fa-f]+$/.test(hex) ||
    !/^[0-9A-Fa-f]{4}$/.test(portHex)
  ) {
    return undefined
  }
  for (let i = 0; i < words; i++) {
    scratch.setUint32(i * 4, parseInt(hex.slice(i * 8, i * 8 + 8), 16), LE)
  }
  return {
    address: family === 'ipv4' ? formatIPv4(scratch, 0) : formatIPv6(scratch, 0),
    port: parseInt(portHex, 16),
  }
}

/**
 * Reads and parses the /proc/net files of the given kinds (all four by default). A missing file
 * (IPv6 disabled) means no sockets of that kind.
 */
export function readProcNet(
  kinds: readonly { protocol: Protocol; family: AddressFamily }[] = PROC_NET_FILES,
): SocketEntry[] {
  const records: SocketEntry[] = []
  for (const { protocol, family, path } of PROC_NET_FILES) {
    if (!kinds.some((k) => k.protocol === protocol && k.family === family)) continue
    let text: string
    try {
      text = readFileSync(path, 'utf8')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue
      throw err
    }
    for (const record of parseProcNet(text, protocol, family)) records.push(record)
  }
  // The file is read in pages, not atomically: a socket can show up twice under churn.
  return dedupeSockets(records)
}
