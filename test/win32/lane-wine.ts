import assert from 'node:assert/strict'
import { createSocket } from 'node:dgram'
import { once } from 'node:events'
import { createServer, type AddressInfo } from 'node:net'
import { test } from 'node:test'
import { createWin32Backend } from '../../src/main/platform/win32'
import { bindWs2_32 } from '../../src/main/platform/win32/ws2_32'
import {
  associateProbe,
  openSocket,
  releaseReservation,
} from '../../src/main/platform/win32/runtime'
import { throwsKind, wineVersion } from './support'

/**
 * Lane "real Wine ws2_32": the real system DLLs of Wine, no stand-in. Wine implements Winsock
 * but not the port pool, so this lane proves the bindings load and call through koffi, and that
 * every unsupported piece surfaces as a clear 'not-supported' error rather than a crash.
 */
const wine = wineVersion()
const opts = { skip: wine ? false : 'not running under Wine (these tests expect Wine DLLs)' }
const UNSUPPORTED_STACK = /not supported by this system's network stack/
const NO_PERSISTENT = /Persistent port reservations are not supported on this system/

test('wine ws2_32: the bindings load and WSAStartup, socket and closesocket work', opts, () => {
  const ws = bindWs2_32()
  for (const protocol of ['tcp', 'udp'] as const) {
    const s = openSocket(ws, protocol, 'open a test socket')
    assert.equal(ws.closesocket(s), 0)
  }
})

test('wine ws2_32: acquire reports not-supported', opts, () => {
  const backend = createWin32Backend()
  const err = throwsKind(
    () => backend.acquireBlock({ protocol: 'tcp', startPort: 41000, count: 10 }),
    'not-supported',
    UNSUPPORTED_STACK,
  )
  assert.match(err.message, /TCP ports 41000–41009/)
  assert.match(err.detail ?? '', /SIO_ACQUIRE_PORT_RESERVATION.*WSAEOPNOTSUPP \(10045\)/)
})

test('wine ws2_32: wildcard UDP acquire reports not-supported', opts, () => {
  const backend = createWin32Backend()
  throwsKind(
    () => backend.acquireBlock({ protocol: 'udp', startPort: 0, count: 4 }),
    'not-supported',
    UNSUPPORTED_STACK,
  )
})

test('wine ws2_32: release and associate IOCTLs report not-supported', opts, () => {
  const ws = bindWs2_32()
  const s = openSocket(ws, 'tcp', 'open a test socket')
  try {
    throwsKind(() => releaseReservation(ws, s, 12345n), 'not-supported', UNSUPPORTED_STACK)
  } finally {
    ws.closesocket(s)
  }
  throwsKind(() => associateProbe(ws, 12345n, 'udp'), 'not-supported', UNSUPPORTED_STACK)
})

test('wine iphlpapi: persistent reservations report not-supported (missing exports)', opts, () => {
  const { persistent } = createWin32Backend()
  const span = { startPort: 42000, count: 5 }
  for (const protocol of ['tcp', 'udp'] as const) {
    throwsKind(() => persistent.create(protocol, span), 'not-supported', NO_PERSISTENT)
    throwsKind(() => persistent.lookup(protocol, span), 'not-supported', NO_PERSISTENT)
    throwsKind(() => persistent.delete(protocol, span), 'not-supported', NO_PERSISTENT)
  }
})

const ownerTablesTest = "wine iphlpapi: the owner tables list this process's TCP and UDP sockets"
test(ownerTablesTest, opts, async (t) => {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const udp = createSocket('udp4')
  udp.bind(0, '127.0.0.1')
  await once(udp, 'listening')
  try {
    const tcpPort = (server.address() as AddressInfo).port
    const udpPort = udp.address().port
    const backend = createWin32Backend()
    const rows = backend.socketOwners()
    const tcp = rows.find((r) => r.protocol === 'tcp' && r.localPort === tcpPort)
    assert.deepEqual(tcp && [tcp.family, tcp.state, tcp.localAddress], [
      'ipv4',
      'LISTEN',
      '127.0.0.1',
    ])
    const u = rows.find((r) => r.protocol === 'udp' && r.localPort === udpPort)
    assert.deepEqual(u && [u.family, u.state, u.localAddress], ['ipv4', 'UNCONN', '127.0.0.1'])
    // Wine 8 leaves the owning pid 0 in this environment; real Windows fills it in.
    for (const row of [tcp, u]) {
      if (row?.pid === 0)
        t.diagnostic(`Wine reported owner pid 0 for ${row.protocol}/${row.localPort}`)
      else assert.equal(row?.pid, process.pid)
    }
    const listed = backend.listSockets().sockets.find((s) => s.localPort === tcpPort)
    assert.ok(listed, 'listSockets() includes the listening socket')
    for (const owner of listed.owners) assert.match(owner.name, /^node(\.exe)?$/i)
  } finally {
    server.close()
    udp.close()
  }
})

test('wine: isPrivileged answers without throwing', opts, () => {
  assert.equal(typeof createWin32Backend().isPrivileged(), 'boolean')
})

test(
  'wine netsh: the range listings run netsh and decode its output (Wine prints none)',
  opts,
  () => {
    const backend = createWin32Backend()
    // Wine's netsh exits 0 without output: no excluded ranges, and no dynamic range to parse.
    assert.deepEqual(backend.reservedRanges(), [])
    throwsKind(() => backend.dynamicRanges(), 'internal', /dynamic port ranges from netsh/)
  },
)
