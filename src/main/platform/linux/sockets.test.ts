import { execFile } from 'node:child_process'
import dgram from 'node:dgram'
import { readFileSync } from 'node:fs'
import net from 'node:net'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { SocketListing, type SocketEntry } from '../../../shared/sockets'
import { bindWildcard } from './bound-socket'
import { libc } from './libc'
import { userName } from './owners'
import { portOfSockaddr } from './sockaddr'
import { listSockets } from './sockets'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const undo of cleanups.splice(0).reverse()) await undo()
})

const user = userName(process.geteuid?.() ?? 0)
const us = {
  pid: process.pid,
  name: readFileSync('/proc/self/comm', 'utf8').trimEnd(),
  ...(user === undefined ? {} : { user }),
}

async function listen(host: string): Promise<number> {
  const server = net.createServer((c) => c.on('error', () => {}))
  await new Promise<void>((done) => server.listen(0, host, done))
  cleanups.push(() => new Promise((done) => server.close(done)))
  return (server.address() as net.AddressInfo).port
}

const at = (listing: SocketListing, protocol: string, port: number): SocketEntry[] =>
  listing.sockets.filter((s) => s.protocol === protocol && s.localPort === port)

describe('listSockets from netlink (real sockets)', () => {
  it('shows a bound, non-listening socket as BOUND, dual-stack, owned by this process', () => {
    const bound = bindWildcard('tcp', 0)
    if (!bound.ok) throw new Error(`bind failed: errno ${bound.errno}`)
    cleanups.push(() => libc().close(bound.fd))
    const address = Buffer.alloc(28)
    libc().getsockname(bound.fd, address, [28])
    const port = portOfSockaddr(address)

    const listing = SocketListing.parse(listSockets())
    expect(listing.source).toBe('netlink')
    expect(at(listing, 'tcp', port)).toMatchObject([
      { family: 'ipv6', state: 'BOUND', localAddress: '::', dualStack: true, owners: [us] },
    ])
    const fromProc = listSockets({ source: 'proc' })
    expect(fromProc.source).toBe('proc')
    expect(at(fromProc, 'tcp', port)).toEqual([])
  })

  it('leaves owners out when asked to', async () => {
    const port = await listen('127.0.0.1')
    expect(at(listSockets({ owners: false }), 'tcp', port)).toMatchObject([{ owners: [] }])
  })
})

describe.each(['netlink', 'proc'] as const)('listSockets from %s (real sockets)', (source) => {
  it('shows listeners on 127.0.0.1 and ::1 with this process as owner', async () => {
    const [v4, v6] = [await listen('127.0.0.1'), await listen('::1')]
    const listing = listSockets({ source })
    expect(listing.source).toBe(source)
    expect(at(listing, 'tcp', v4)).toMatchObject([
      { family: 'ipv4', state: 'LISTEN', localAddress: '127.0.0.1', owners: [us] },
    ])
    expect(at(listing, 'tcp', v6)).toMatchObject([
      { family: 'ipv6', state: 'LISTEN', localAddress: '::1', remoteAddress: '::', owners: [us] },
    ])
  })

  it('shows both ends of a loopback connection, each owned by this process', async () => {
    const server = await listen('127.0.0.1')
    const client = net.connect(server, '127.0.0.1')
    cleanups.push(() => client.destroy())
    await new Promise((done) => client.once('connect', done))
    const listing = listSockets({ source })
    const local = { state: 'ESTABLISHED', localAddress: '127.0.0.1', remoteAddress: '127.0.0.1' }
    expect(at(listing, 'tcp', client.localPort ?? 0)).toMatchObject([
      { ...local, remotePort: server, owners: [us] },
    ])
    expect(listing.sockets.filter((s) => s.remotePort === client.localPort)).toMatchObject([
      { ...local, localPort: server, owners: [us] },
    ])
  })

  it('shows a bound UDP socket as UNCONN', async () => {
    const udp = dgram.createSocket('udp4')
    cleanups.push(() => udp.close())
    await new Promise<void>((done) => udp.bind(0, '127.0.0.1', done))
    expect(at(listSockets({ source }), 'udp', udp.address().port)).toMatchObject([
      { family: 'ipv4', state: 'UNCONN', localAddress: '127.0.0.1', remotePort: 0, owners: [us] },
    ])
  })
})

// The other user is nobody (65534): it can read neither root's /proc/<pid>/fd nor root's sockets.
describe.runIf(process.geteuid?.() === 0)('listSockets as another user', () => {
  it("sees root's sockets without their owners, and says owners are incomplete", async () => {
    const rootPort = await listen('127.0.0.1')
    const script = `
      const { listSockets } = require('./src/main/platform/linux/sockets.ts')
      const udp = require('node:dgram').createSocket('udp4')
      udp.bind(0, '127.0.0.1', () => {
        const listing = listSockets()
        console.log(JSON.stringify({ pid: process.pid, port: udp.address().port, listing }))
        udp.close()
      })`
    const asNobody = ['--reuid=65534', '--regid=65534', '--clear-groups']
    const { stdout } = await promisify(execFile)(
      'setpriv',
      [...asNobody, process.execPath, '--import', 'tsx', '-e', script],
      { encoding: 'utf8', timeout: 15_000 },
    )
    const seen = JSON.parse(stdout) as { pid: number; port: number; listing: SocketListing }
    expect(seen.listing.ownersComplete).toBe(false)
    expect(at(seen.listing, 'tcp', rootPort)).toMatchObject([
      { state: 'LISTEN', uid: 0, owners: [] },
    ])
    expect(at(seen.listing, 'udp', seen.port)).toMatchObject([
      { uid: 65534, owners: [{ pid: seen.pid, name: 'node', user: userName(65534) }] },
    ])
  })
})
