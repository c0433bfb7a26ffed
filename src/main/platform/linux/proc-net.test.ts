import net from 'node:net'
import { endianness } from 'node:os'
import { afterEach, describe, expect, it } from 'vitest'
import { bindWildcard } from './bound-socket'
import { dumpInetSockets } from './inet-diag'
import { libc } from './libc'
import { parseProcNet, readProcNet } from './proc-net'
import { portOfSockaddr } from './sockaddr'

// Captured from this machine's /proc/net files (kernel 6.18, x86-64), trailing blanks included.
const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode                                                     
   1: 0100007F:8007 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 35978 1 00000000ad4dcf8b 100 0 0 10 0                     
   2: 0100007F:9905 0100007F:B59A 06 00000000:00000000 03:0000060C 00000000     0        0 0 3 000000000c249b62                                      
  15: 0100007F:8007 0100007F:BDC0 01 00000000:00000000 00:00000000 00000000     0        0 35982 1 00000000e629207d 20 0 0 10 -1                     
`
const TCP6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000001000000:9701 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 35979 1 000000003f08de39 100 0 0 10 0
   2: 0000000000000000FFFF00000100007F:AB3B 0000000000000000FFFF00000100007F:9ADC 01 00000000:00000000 00:00000000 00000000     0        0 35984 1 000000008323cb56 20 0 0 10 -1
`
const UDP = `   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops            
 9812: 0100007F:CC93 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 35985 2 000000003e90a13c 0         
`
const UDP6_HEADER = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops`

const ends = (
  localAddress: string,
  localPort: number,
  remoteAddress: string,
  remotePort: number,
) => ({
  localAddress,
  localPort,
  remoteAddress,
  remotePort,
})

describe.runIf(endianness() === 'LE')('parseProcNet (text from a little-endian host)', () => {
  it('reads IPv4 TCP lines: listener, TIME_WAIT without inode, established', () => {
    expect(parseProcNet(TCP, 'tcp', 'ipv4')).toEqual([
      {
        protocol: 'tcp',
        family: 'ipv4',
        state: 'LISTEN',
        ...ends('127.0.0.1', 32775, '0.0.0.0', 0),
        inode: 35978,
        uid: 0,
        owners: [],
      },
      {
        protocol: 'tcp',
        family: 'ipv4',
        state: 'TIME_WAIT',
        ...ends('127.0.0.1', 39173, '127.0.0.1', 46490),
        inode: 0,
        uid: 0,
        owners: [],
      },
      {
        protocol: 'tcp',
        family: 'ipv4',
        state: 'ESTABLISHED',
        ...ends('127.0.0.1', 32775, '127.0.0.1', 48576),
        inode: 35982,
        uid: 0,
        owners: [],
      },
    ])
  })

  it('reads IPv6 lines, IPv4-mapped addresses as ::ffff:a.b.c.d', () => {
    expect(parseProcNet(TCP6, 'tcp', 'ipv6')).toMatchObject([
      { state: 'LISTEN', ...ends('::1', 38657, '::', 0), inode: 35979 },
      { state: 'ESTABLISHED', ...ends('::ffff:127.0.0.1', 43835, '::ffff:127.0.0.1', 39644) },
    ])
  })

  it('names UDP state 07 UNCONN', () => {
    expect(parseProcNet(UDP, 'udp', 'ipv4')).toEqual([
      {
        protocol: 'udp',
        family: 'ipv4',
        state: 'UNCONN',
        ...ends('127.0.0.1', 52371, '0.0.0.0', 0),
        inode: 35985,
        uid: 0,
        owners: [],
      },
    ])
  })

  it('reads hand-built lines: other addresses, uids, and skips what is not a socket', () => {
    const v6 = [
      '  0: 000080FE000000000000000001000000:0050 B80D0120000000000000000002000000:C350 01 0:0 0:0 0 1000 0 77',
      '  1: 0000000000000000FFFF00000302010A:01BB 00000000000000000000000000000000:0000 0A 0:0 0:0 0 0 0 78',
      'garbage line with enough words to look like a row but no sl column',
      '  2: 0100007F:0050 00000000:0000 0A 0:0 0:0 0 0 0 79', // IPv4 width in an IPv6 file
    ].join('\n')
    expect(parseProcNet(v6, 'tcp', 'ipv6')).toMatchObject([
      { ...ends('fe80::1', 80, '2001:db8::2', 50000), state: 'ESTABLISHED', uid: 1000, inode: 77 },
      { ...ends('::ffff:10.1.2.3', 443, '::', 0), state: 'LISTEN', inode: 78 },
    ])
  })

  it('finds nothing in an empty file or a header alone', () => {
    expect(parseProcNet('', 'tcp', 'ipv4')).toEqual([])
    expect(parseProcNet(UDP6_HEADER, 'udp', 'ipv6')).toEqual([])
    expect(parseProcNet(`${UDP6_HEADER}\n`, 'udp', 'ipv6')).toEqual([])
  })
})

describe('readProcNet (real /proc/net)', () => {
  const cleanups: (() => unknown)[] = []
  afterEach(async () => {
    for (const undo of cleanups.splice(0)) await undo()
  })

  it('lists a listener with the inode inet_diag reports', async () => {
    const server = net.createServer()
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
    cleanups.push(() => new Promise((done) => server.close(done)))
    const port = (server.address() as net.AddressInfo).port
    const fromProc = readProcNet().filter((r) => r.protocol === 'tcp' && r.localPort === port)
    const fromNetlink = dumpInetSockets().records.filter((r) => r.localPort === port)
    expect(fromProc).toMatchObject([{ state: 'LISTEN', localAddress: '127.0.0.1' }])
    expect(fromProc[0]?.inode).toBe(fromNetlink[0]?.inode)
    expect(
      readProcNet([{ protocol: 'udp', family: 'ipv4' }]).some((r) => r.protocol === 'tcp'),
    ).toBe(false)
  })

  it('cannot see a bound, non-listening TCP socket', () => {
    const bound = bindWildcard('tcp', 0)
    if (!bound.ok) throw new Error(`bind failed: errno ${bound.errno}`)
    cleanups.push(() => libc().close(bound.fd))
    const address = Buffer.alloc(28)
    libc().getsockname(bound.fd, address, [28])
    const port = portOfSockaddr(address)
    expect(dumpInetSockets().records.some((r) => r.localPort === port)).toBe(true)
    expect(readProcNet().some((r) => r.localPort === port)).toBe(false)
  })
})
