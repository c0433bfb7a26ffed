import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createWin32Backend } from '../../src/main/platform/win32'
import { probeBind } from '../../src/main/platform/win32/probe-bind'
import { openSocket } from '../../src/main/platform/win32/runtime'
import { SOCKET_ERROR, bindWs2_32 } from '../../src/main/platform/win32/ws2_32'
import {
  modelOnly,
  POOL_LANE,
  poolDlls,
  REAL_DLLS,
  standinHooks,
  throwsKind,
  wineVersion,
} from './support'

/**
 * Lane "port pool", persistent reservations: the six iphlpapi functions through the real koffi
 * bindings — as modelled by test/win32/standin/portpool.c, or (PORTWARDEN_WIN_DLLS=real, an
 * elevated CI runner) the real ones, each reservation deleted again however the test ends.
 */
const dlls = poolDlls()
const hooks = standinHooks()
const backend = createWin32Backend({ ...dlls, isPrivileged: () => true })
const ws = bindWs2_32(dlls.ws2_32)
const { persistent } = backend
const L = POOL_LANE
// Under Wine the real iphlpapi lacks these exports: the pool lane uses the stand-in there.
const opts = { skip: REAL_DLLS && wineVersion() ? 'Wine has no persistent reservations' : false }

function fresh(): void {
  hooks.reset()
  hooks.setElevated(true)
  hooks.setNextToken(0xf00d000000000001n)
}

/**
 * A block no socket holds and no reservation covers: fixed in the model; on real Windows one
 * every port of which a test bind (SO_EXCLUSIVEADDRUSE) got through just now, below the
 * dynamic range where Hyper-V takes its blocks.
 */
function freeSpan(protocol: 'tcp' | 'udp', count: number) {
  if (!REAL_DLLS) return { startPort: 42000, count }
  for (let start = 42000; start < 48000; start += 97) {
    const ports = Array.from({ length: count }, (_, i) => start + i)
    const free = ports.every(
      (port) =>
        probeBind(ws, { protocol, address: '0.0.0.0', port, reuse: 'none', v6only: false }).ok,
    )
    if (free) return { startPort: start, count }
  }
  throw new Error('no free block found between 42000 and 48000')
}

/** Runs `fn` with a reservation of `span`, deleting it afterwards whatever happens. */
function withReservation(
  protocol: 'tcp' | 'udp',
  span: { startPort: number; count: number },
  fn: (token: bigint) => void,
) {
  const token = persistent.create(protocol, span)
  try {
    fn(token)
  } finally {
    try {
      persistent.delete(protocol, span)
    } catch {
      // already deleted by the test
    }
  }
}

for (const protocol of ['tcp', 'udp'] as const) {
  test(`${L} persistent ${protocol} create, lookup and delete`, opts, () => {
    fresh()
    const span = freeSpan(protocol, 5)
    withReservation(protocol, span, (token) => {
      assert.notEqual(token, 0n)
      if (!REAL_DLLS) assert.ok(token > 2n ** 53n)
      assert.equal(persistent.lookup(protocol, span), token)
      if (!REAL_DLLS) {
        assert.match(
          hooks.describe(),
          new RegExp(`^${protocol} persistent 42000\\+5 token=${token};$`),
        )
      }
      // Windows lists it as an administered (`*`) exclusion.
      if (REAL_DLLS) {
        const listed = backend.reservedRanges().find((r) => r.startPort === span.startPort)
        assert.equal(listed?.administered, true, JSON.stringify(listed))
      }
      persistent.delete(protocol, span)
      throwsKind(() => persistent.lookup(protocol, span), 'not-found', /No persistent reservation/)
    })
  })
}

test(
  `${L} lookup or delete of a block that is not an exact match is not-found (ERROR_NOT_FOUND)`,
  opts,
  () => {
    fresh()
    const span = freeSpan('tcp', 5)
    withReservation('tcp', span, () => {
      const shorter = { startPort: span.startPort, count: 4 }
      const err = throwsKind(
        () => persistent.lookup('tcp', shorter),
        'not-found',
        /starts and ends exactly/,
      )
      // The documented code (1168), or 87 from builds that answer so: both read as not-found.
      assert.match(err.detail ?? '', /ERROR_NOT_FOUND \(1168\)|ERROR_INVALID_PARAMETER \(87\)/)
      if (!REAL_DLLS) assert.match(err.detail ?? '', /ERROR_NOT_FOUND \(1168\)/)
      throwsKind(
        () => persistent.delete('tcp', { startPort: span.startPort + 1, count: 5 }),
        'not-found',
      )
    })
  },
)

test(`${L} persistent delete of a reservation that does not exist is not-found`, opts, () => {
  fresh()
  const span = freeSpan('udp', 5)
  throwsKind(() => persistent.delete('udp', span), 'not-found', /UDP ports/)
})

test(`${L} persistent create or delete when not elevated is permission-denied`, modelOnly, () => {
  fresh()
  const span = freeSpan('tcp', 5)
  persistent.create('tcp', span)
  hooks.setElevated(false)
  const err = throwsKind(
    () => persistent.create('udp', span),
    'permission-denied',
    /run Portwarden as administrator/,
  )
  assert.match(err.detail ?? '', /ERROR_ACCESS_DENIED \(5\)/)
  throwsKind(() => persistent.delete('tcp', span), 'permission-denied', /administrator/)
  // Lookup needs no elevation.
  assert.equal(typeof persistent.lookup('tcp', span), 'bigint')
})

test(
  `${L} associating with a persistent reservation when not elevated is permission-denied`,
  modelOnly,
  () => {
    fresh()
    const token = persistent.create('tcp', { startPort: 42000, count: 5 })
    assert.equal(backend.associateProbe(token, 'tcp'), 42000)
    hooks.setElevated(false)
    throwsKind(() => backend.associateProbe(token, 'tcp'), 'permission-denied', /administrator/)
  },
)

test(`${L} a persistent block overlapping another reservation is port-in-use`, opts, () => {
  fresh()
  const span = freeSpan('tcp', 10)
  withReservation('tcp', { startPort: span.startPort, count: 5 }, () => {
    const err = throwsKind(
      () => persistent.create('tcp', { startPort: span.startPort + 3, count: 5 }),
      'port-in-use',
      /overlaps an existing reservation or a port in use/,
    )
    assert.match(err.detail ?? '', /ERROR_SHARING_VIOLATION \(32\)/)
  })
})

test(
  `${L} a persistent create over a port a socket holds is port-in-use (ERROR_SHARING_VIOLATION)`,
  opts,
  () => {
    fresh()
    const span = freeSpan('udp', 3)
    const s = openSocket(ws, 'udp', 'hold a port')
    try {
      const addr = Buffer.alloc(16)
      addr.writeUInt16LE(2, 0)
      addr.writeUInt16BE(span.startPort + 1, 2)
      assert.notEqual(ws.bind(s, addr, addr.length), SOCKET_ERROR)
      let created = false
      try {
        const err = throwsKind(
          () => (persistent.create('udp', span), (created = true)),
          'port-in-use',
        )
        assert.match(err.detail ?? '', /ERROR_SHARING_VIOLATION \(32\)/)
      } finally {
        if (created) persistent.delete('udp', span)
      }
    } finally {
      ws.closesocket(s)
    }
  },
)

test(`${L} a zero or overflowing persistent block is invalid-input`, opts, () => {
  fresh()
  for (const bad of [
    { startPort: 0, count: 5 },
    { startPort: 42000, count: 0 },
    { startPort: 65000, count: 1000 },
  ]) {
    const err = throwsKind(() => persistent.create('tcp', bad), 'invalid-input')
    assert.match(err.detail ?? '', /ERROR_INVALID_PARAMETER \(87\)/)
  }
})
