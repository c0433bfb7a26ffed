import { endianness } from 'node:os'
import type { Protocol } from '../../../shared/model'
import type { AddressFamily, SocketEntry, SocketState } from '../../../shared/sockets'
import { AF_INET, Errno } from './libc'
import { scanSockets } from './diag-scan'
import { NetlinkError, openSockDiagSocket, type NetlinkSocket } from './netlink'
import type { RecordCache } from './record-cache'

// linux/inet_diag.h (the request and the receive loop are in diag-scan.ts)
const RECORD_SIZE = 88 // nlmsghdr + inet_diag_msg; attributes follow
const INET_DIAG_SKV6ONLY = 11
/** Every state bit, so TCP_BOUND_INACTIVE (bit 13) sockets are dumped too; ss 6.1 sends 0xfff. */
const ALL_STATES = 0xffffffff
/**
 * Errors that mean "this kernel cannot dump this family/protocol" (ENOENT when e.g. udp_diag
 * cannot be loaded, EPROTONOSUPPORT, EOPNOTSUPP, EAFNOSUPPORT), not "the dump failed".
 */
const UNSUPPORTED = new Set<number>([2, 93, 95, Errno.EAFNOSUPPORT])

/** Host byte order: netlink headers and inet_diag_msg's uid/inode are in it. */
const LE = endianness() === 'LE'

/** Kernel state codes (include/net/tcp_states.h) as names; UDP uses 1 (connected) and 7. */
const TCP_STATES: readonly SocketState[] = [
  'UNKNOWN',
  'ESTABLISHED',
  'SYN_SENT',
  'SYN_RECV',
  'FIN_WAIT1',
  'FIN_WAIT2',
  'TIME_WAIT',
  'BOUND', // TCP_CLOSE: the dump only returns closed TCP sockets that are bound-inactive
  'CLOSE_WAIT',
  'LAST_ACK',
  'LISTEN',
  'CLOSING',
  'NEW_SYN_RECV',
  'BOUND', // TCP_BOUND_INACTIVE, should a kernel ever report it as such
]

export function socketState(protocol: Protocol, code: number): SocketState {
  if (protocol === 'udp' && code === 7) return 'UNCONN'
  return TCP_STATES[code] ?? 'UNKNOWN'
}

export const formatIPv4 = (v: DataView, at: number): string =>
  `${v.getUint8(at)}.${v.getUint8(at + 1)}.${v.getUint8(at + 2)}.${v.getUint8(at + 3)}`

const hexWords = (words: number[]) => words.map((w) => w.toString(16)).join(':')

/** 16 network-order bytes as Node (inet_ntop) writes them: RFC 5952 with embedded IPv4. */
export function formatIPv6(v: DataView, at: number): string {
  const words: number[] = []
  for (let i = 0; i < 8; i++) words.push(v.getUint16(at + 2 * i))
  let zerosAt = -1
  let zerosLen = 0
  for (let i = 0; i < 8;) {
    let j = i
    while (j < 8 && words[j] === 0) j++
    if (j - i > zerosLen) [zerosAt, zerosLen] = [i, j - i]
    i = j + 1
  }
  if (zerosAt === 0 && (zerosLen === 6 || (zerosLen === 5 && words[5] === 0xffff))) {
    return (zerosLen === 5 ? '::ffff:' : '::') + formatIPv4(v, at + 12)
  }
  if (zerosLen < 2) return hexWords(words)
  return `${hexWords(words.slice(0, zerosAt))}::${hexWords(words.slice(zerosAt + zerosLen))}`
}

/**
 * Keeps the first record of each inode: a dump is not a snapshot and can repeat a socket under
 * churn. Records without an inode (TIME_WAIT, pending connections) are told apart by their ends.
 */
export function dedupeSockets(records: readonly SocketEntry[]): SocketEntry[] {
  const seen = new Set<number | string>()
  return records.filter((r) => {
    const key =
      r.inode !== 0
        ? r.inode
        : `${r.protocol} ${r.state} ${r.localAddress} ${r.localPort} ${r.remoteAddress} ${r.remotePort}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

export interface InetDiagDump {
  /** Owners are left empty: the kernel does not say which processes hold a socket. */
  records: SocketEntry[]
  /** Combinations this kernel cannot dump (e.g. udp_diag not loadable): list them another way. */
  unsupported: { protocol: Protocol; family: AddressFamily }[]
}

const COMBINATIONS = [
  { protocol: 'tcp', family: 'ipv4' },
  { protocol: 'tcp', family: 'ipv6' },
  { protocol: 'udp', family: 'ipv4' },
  { protocol: 'udp', family: 'ipv6' },
] as const

/**
 * Whether this kernel answers the one-walk dump of TCP of both families (scanSockets 'both');
 * learnt on the first dump, which falls back to one dump per family when it does not. (An
 * object so the fallback can be tested on a kernel that has both.)
 */
export const tcpDump = { oneWalk: true }

let receiveBuffer: Buffer | undefined // datagrams reach ~32 KiB; smaller buffers truncate them

/** TCP_TIME_WAIT as a states bit (include/net/tcp_states.h), for a dump of those alone. */
const TIME_WAIT_BIT = 1 << 6
/** idiag_timer of a TIME_WAIT socket: its expires field is the time left in it. */
const TIMER_TIME_WAIT = 3

/**
 * TCP sockets in TIME_WAIT with `expiresMs`, the milliseconds left (idiag_expires, 60 s at
 * most on Linux). A separate dump so the inventory's listing, polled every second, does not
 * see a countdown as a change.
 */
export function dumpTimeWait(): SocketEntry[] {
  receiveBuffer ??= Buffer.alloc(64 * 1024)
  const records: SocketEntry[] = []
  const socket = openSockDiagSocket()
  try {
    for (const family of ['ipv4', 'ipv6'] as const)
      dumpOne(socket, receiveBuffer, 'tcp', family, records, TIME_WAIT_BIT)
  } finally {
    socket.close()
  }
  return dedupeSockets(records)
}

/**
 * Every TCP and UDP socket of this network namespace, through NETLINK_SOCK_DIAG. With a
 * `cache` (the poller's), records unchanged since the last dump come back as the same entries.
 */
export function dumpInetSockets(cache?: RecordCache): InetDiagDump {
  receiveBuffer ??= Buffer.alloc(64 * 1024)
  const dump: InetDiagDump = { records: [], unsupported: [] }
  const socket = openSockDiagSocket()
  cache?.begin()
  try {
    let tcpDone = false
    if (tcpDump.oneWalk) {
      tcpDone = dumpOne(socket, receiveBuffer, 'tcp', 'both', dump.records, ALL_STATES, cache)
      tcpDump.oneWalk = tcpDone
    }
    for (const combo of COMBINATIONS) {
      if (combo.protocol === 'tcp' && tcpDone) continue
      if (
        !dumpOne(
          socket,
          receiveBuffer,
          combo.protocol,
          combo.family,
          dump.records,
          ALL_STATES,
          cache,
        )
      ) {
        dump.unsupported.push({ ...combo })
      }
    }
    cache?.end()
  } finally {
    socket.close()
  }
  // The cache has dropped repeats already, and its list is what the poller keeps.
  if (cache) dump.records = cache.entries
  else dump.records = dedupeSockets(dump.records)
  return dump
}

/** Sends one dump request and collects its replies; false when the kernel does not support it. */
function dumpOne(
  socket: NetlinkSocket,
  buffer: Buffer,
  protocol: Protocol,
  family: AddressFamily | 'both',
  out: SocketEntry[],
  states = ALL_STATES,
  cache?: RecordCache,
): boolean {
  const timers = states !== ALL_STATES
  cache?.setProtocol(protocol === 'tcp' ? 6 : 17)
  // One parser per dump, not a closure per record: the cache calls it only for new records.
  const parse = (v: DataView, at: number, end: number) => parseRecord(v, at, end, protocol)
  const error = scanSockets(
    socket,
    family,
    protocol,
    states,
    (view, at, len) => {
      if (cache) {
        // The cache keeps its own list (repeats dropped); `out` is left to the uncached dump.
        cache.take(view, at, at + len, LE, v6onlyCode, parse)
        return
      }
      const record = parseRecord(view, at, at + len, protocol)
      if (timers && view.getUint8(at + 18) === TIMER_TIME_WAIT)
        record.expiresMs = view.getUint32(at + 68, LE)
      out.push(record)
    },
    buffer,
  )
  // The one-walk TCP dump failing for any reason only means: one dump per family instead.
  if (error > 0 && family !== 'both' && !UNSUPPORTED.has(error))
    throw new NetlinkError('inet_diag dump', error)
  return error <= 0
}

/** INET_DIAG_SKV6ONLY of the record at `at`: 0 absent, 1 dual-stack, 2 IPv6-only. */
function v6onlyCode(v: DataView, at: number, end: number): number {
  if (v.getUint8(at + 16) === AF_INET) return 0 // only IPv6 sockets carry it: no walk
  for (let a = at + RECORD_SIZE; a + 4 <= end;) {
    const len = v.getUint16(a, LE)
    if (len < 4) break
    if (v.getUint16(a + 2, LE) === INET_DIAG_SKV6ONLY && len >= 5) return v.getUint8(a + 4) ? 2 : 1
    a += (len + 3) & ~3
  }
  return 0
}

/** One inet_diag_msg at `at` (offsets from its nlmsghdr), attributes up to `end`. */
function parseRecord(v: DataView, at: number, end: number, protocol: Protocol): SocketEntry {
  const family: AddressFamily = v.getUint8(at + 16) === AF_INET ? 'ipv4' : 'ipv6'
  const address = family === 'ipv4' ? formatIPv4 : formatIPv6
  const record: SocketEntry = {
    protocol,
    family,
    state: socketState(protocol, v.getUint8(at + 17)),
    localAddress: address(v, at + 24),
    localPort: v.getUint16(at + 20),
    remoteAddress: address(v, at + 40),
    remotePort: v.getUint16(at + 22),
    inode: v.getUint32(at + 84, LE),
    uid: v.getUint32(at + 80, LE),
    owners: [],
  }
  for (let a = at + RECORD_SIZE; a + 4 <= end;) {
    const len = v.getUint16(a, LE)
    if (len < 4) break
    if (v.getUint16(a + 2, LE) === INET_DIAG_SKV6ONLY && len >= 5 && family === 'ipv6') {
      record.dualStack = v.getUint8(a + 4) === 0
    }
    a += (len + 3) & ~3
  }
  return record
}
