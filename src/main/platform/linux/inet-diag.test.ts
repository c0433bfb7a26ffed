import dgram from 'node:dgram'
import net from 'node:net'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import type { SocketEntry } from '../../../shared/sockets'
import { bindWildcard } from './bound-socket'
import { dedupeSockets, dumpInetSockets, formatIPv6, socketState, tcpDump } from './inet-diag'
import { libc } from './libc'
import { portOfSockaddr } from './sockaddr'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const undo of cleanups.splice(0).reverse()) await undo()
})

async function listen(host: string): Promise<number> {
  const server = net.createServer((c) => c.on('error', () => {}))
  await new Promise<void>((done) => server.listen(0, host, done))
  cleanups.push(() => new Promise((done) => server.close(done)))
  return (server.address() as net.AddressInfo).port
}

async function connect(port: number, host: string): Promise<net.Socket> {
  const client = net.connect(port, host)
  await new Promise((done) => client.once('connect', done))
  cleanups.push(() => client.destroy())
  return client
}

function boundTcpPort(): number {
  const bound = bindWildcard('tcp', 0)
  if (!bound.ok) throw new Error(`bind failed: errno ${bound.errno}`)
  cleanups.push(() => libc().close(bound.fd))
  const address = Buffer.alloc(28)
  expect(libc().getsockname(bound.fd, address, [28])).toBe(0)
  return portOfSockaddr(address)
}

const on = (protocol: string, port: number) => (r: SocketEntry) =>
  r.protocol === protocol && r.localPort === port

describe('TCP of both families in one walk (the v1 request), or one dump per family', () => {
  it('lists the same TCP sockets, IPv4 and IPv6, as one dump per family does', async () => {
    const ports = [await listen('127.0.0.1'), await listen('::1'), await listen('::')]
    const view = (r: SocketEntry) =>
      `${r.family} ${r.state} ${r.localAddress} ${r.localPort} ${r.inode} ${r.dualStack}`
    const mine = (records: SocketEntry[]) =>
      records
        .filter((r) => r.protocol === 'tcp' && ports.includes(r.localPort))
        .map(view)
        .sort()
    expect(tcpDump.oneWalk).toBe(true)
    const oneWalk = mine(dumpInetSockets().records)
    expect(tcpDump.oneWalk).toBe(true) // this kernel serves it
    tcpDump.oneWalk = false
    try {
      expect(mine(dumpInetSockets().records)).toEqual(oneWalk)
    } finally {
      tcpDump.oneWalk = true
    }
    expect(oneWalk).toHaveLength(3)
    expect(oneWalk.filter((v) => v.startsWith('ipv6'))).toHaveLength(2)
  })
})
const uid = process.getuid?.() ?? 0

describe('formatIPv6', () => {
  const format = (address: Buffer) =>
    formatIPv6(new DataView(address.buffer, address.byteOffset), 0)
  const bytesOf = (words: number[]) => Buffer.from(words.flatMap((w) => [w >> 8, w & 0xff]))

  it('writes addresses as Node does', () => {
    expect(format(bytesOf([0, 0, 0, 0, 0, 0, 0, 1]))).toBe('::1')
    expect(format(bytesOf([0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]))).toBe('::ffff:127.0.0.1')
    expect(format(bytesOf([0xfe80, 0, 0, 0, 0, 0, 0, 1]))).toBe('fe80::1')
    expect(format(bytesOf([1, 0, 1, 0, 1, 0, 1, 0]))).toBe('1:0:1:0:1:0:1:0')
    expect(format(bytesOf([0, 0, 0, 0, 0, 0, 0, 0]))).toBe('::')
  })

  it('agrees with net.SocketAddress on any address, zero runs included', () => {
    const word = fc.oneof(fc.constant(0), fc.constant(0xffff), fc.integer({ min: 0, max: 0xffff }))
    fc.assert(
      fc.property(fc.array(word, { minLength: 8, maxLength: 8 }), (words) => {
        const full = words.map((w) => w.toString(16)).join(':')
        const node = new net.SocketAddress({ address: full, family: 'ipv6' }).address
        expect(format(bytesOf(words))).toBe(node)
      }),
      { numRuns: 2000 },
    )
  })
})

describe('socketState and dedupeSockets', () => {
  it('names kernel states, telling bound TCP from unconnected UDP', () => {
    expect(['tcp', 'udp'].map((p) => socketState(p as 'tcp', 7))).toEqual(['BOUND', 'UNCONN'])
    expect([10, 1, 6, 99].map((s) => socketState('tcp', s))).toEqual([
      'LISTEN',
      'ESTABLISHED',
      'TIME_WAIT',
      'UNKNOWN',
    ])
  })

  it('keeps one record per inode and tells inode-less records apart by their ends', () => {
    const base: SocketEntry = {
      ...{ protocol: 'tcp', family: 'ipv4', state: 'TIME_WAIT', uid: 0, inode: 0, owners: [] },
      ...{ localAddress: '127.0.0.1', localPort: 1000, remoteAddress: '127.0.0.1', remotePort: 2 },
    }
    const records = [
      { ...base, inode: 5, state: 'LISTEN' as const },
      { ...base, inode: 5, state: 'LISTEN' as const, localPort: 9 }, // repeated under churn
      base,
      { ...base, remotePort: 3 },
      { ...base },
    ]
    expect(dedupeSockets(records)).toEqual([records[0], records[2], records[3]])
  })
})

describe('dumpInetSockets (real sockets)', () => {
  it('shows a bound, non-listening dual-stack TCP socket as BOUND', () => {
    const port = boundTcpPort()
    const found = dumpInetSockets().records.filter(on('tcp', port))
    expect(found).toMatchObject([
      { family: 'ipv6', state: 'BOUND', localAddress: '::', dualStack: true, uid },
    ])
    expect(found[0]?.inode).toBeGreaterThan(0)
  })

  it('shows listeners on 127.0.0.1 and ::1, the IPv6 one not dual-stack', async () => {
    const [v4, v6] = [await listen('127.0.0.1'), await listen('::1')]
    const { records } = dumpInetSockets()
    expect(records.filter(on('tcp', v4))).toMatchObject([
      { family: 'ipv4', state: 'LISTEN', localAddress: '127.0.0.1', remoteAddress: '0.0.0.0' },
    ])
    expect(records.filter(on('tcp', v6))).toMatchObject([
      {
        family: 'ipv6',
        state: 'LISTEN',
        localAddress: '::1',
        remoteAddress: '::',
        dualStack: false,
      },
    ])
  })

  it('shows both ends of an established loopback connection', async () => {
    const server = await listen('127.0.0.1')
    const client = (await connect(server, '127.0.0.1')).localPort ?? 0
    const ends = dumpInetSockets().records.filter(
      (r) => r.state === 'ESTABLISHED' && [r.localPort, r.remotePort].includes(client),
    )
    expect(ends.map((r) => [r.localPort, r.remotePort]).sort()).toEqual(
      [
        [client, server],
        [server, client],
      ].sort(),
    )
    expect(new Set(ends.map((r) => r.inode)).size).toBe(2)
  })

  it('keeps TIME_WAIT records, which have no inode', async () => {
    const server = await listen('127.0.0.1')
    const client = await connect(server, '127.0.0.1')
    const clientPort = client.localPort
    const closed = new Promise((done) => client.once('close', done))
    client.end() // the side closing first is the one left in TIME_WAIT
    await closed
    const waiting = dumpInetSockets().records.filter(on('tcp', clientPort ?? -1))
    expect(waiting).toMatchObject([{ state: 'TIME_WAIT', inode: 0, remotePort: server }])
  })

  it('shows bound UDP sockets as UNCONN and connected ones as ESTABLISHED', async () => {
    const udp = dgram.createSocket({ type: 'udp6', ipv6Only: false })
    cleanups.push(() => udp.close())
    await new Promise<void>((done) => udp.bind(0, '::', done))
    const peer = dgram.createSocket('udp4')
    cleanups.push(() => peer.close())
    await new Promise<void>((done) => peer.bind(0, '127.0.0.1', done))
    await new Promise<void>((done) => peer.connect(udp.address().port, '127.0.0.1', done))
    const { records } = dumpInetSockets()
    expect(records.filter(on('udp', udp.address().port))).toMatchObject([
      { family: 'ipv6', state: 'UNCONN', localAddress: '::', dualStack: true },
    ])
    expect(records.filter(on('udp', peer.address().port))).toMatchObject([
      { family: 'ipv4', state: 'ESTABLISHED', remoteAddress: '127.0.0.1' },
    ])
  })

  it('lists every socket once, whatever the number of datagrams the dump spans', async () => {
    const ports = await Promise.all(Array.from({ length: 600 }, () => listen('127.0.0.1')))
    const { records, unsupported } = dumpInetSockets()
    expect(unsupported).toEqual([])
    expect(ports.every((p) => records.filter(on('tcp', p)).length === 1)).toBe(true)
    const inodes = records.filter((r) => r.inode !== 0).map((r) => r.inode)
    expect(new Set(inodes).size).toBe(inodes.length)
  })
})
