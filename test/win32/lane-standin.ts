import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { ReserveRequest } from '../../src/shared/model'
import { createWin32Backend } from '../../src/main/platform/win32'
import { bindWs2_32 } from '../../src/main/platform/win32/ws2_32'
import {
  acquireReservation,
  openSocket,
  releaseReservation,
} from '../../src/main/platform/win32/runtime'
import { standinDll, standinHooks, throwsKind } from './support'

/**
 * Lane "stand-in DLL (model of Windows)": the same bindings loaded from portpool.dll, a model of
 * the Windows port pool built from test/win32/standin/portpool.c. Every success and error path
 * goes through the real koffi marshalling; what the model decides is documented there, and none
 * of it is proof of how real Windows behaves.
 */
const dll = standinDll()
const hooks = standinHooks(dll)
const backend = createWin32Backend({ ws2_32: dll, iphlpapi: dll, isPrivileged: () => true })
const ws = bindWs2_32(dll)
const L = 'stand-in DLL (model of Windows):'
const U64_ABOVE_2_53 = 2n ** 53n

/** Every test starts from an empty model, elevated, with large tokens. */
function fresh(): void {
  hooks.reset()
  hooks.setElevated(true)
  hooks.setNextToken(0xf00d000000000001n)
}

const acquire = (protocol: 'tcp' | 'udp', startPort: number, count: number) =>
  backend.acquireBlock({ protocol, startPort, count } satisfies ReserveRequest)

for (const protocol of ['tcp', 'udp'] as const) {
  test(`${L} specific ${protocol} acquire holds exactly the requested block`, () => {
    fresh()
    const block = acquire(protocol, 41000, 10)
    assert.deepEqual([block.protocol, block.startPort, block.count], [protocol, 41000, 10])
    // The model decodes StartPort from network order: host-order 41000 proves the swap.
    assert.match(
      hooks.describe(),
      new RegExp(`^${protocol} runtime 41000\\+10 token=${block.token};$`),
    )
    block.release()
    assert.equal(hooks.describe(), '')
  })

  test(`${L} wildcard ${protocol} acquire returns a block and a 64-bit token`, () => {
    fresh()
    const block = acquire(protocol, 0, 8)
    assert.ok(block.startPort >= 49152 && block.startPort + 7 <= 65535, `${block.startPort}`)
    assert.equal(typeof block.token, 'bigint')
    assert.ok(block.token > U64_ABOVE_2_53, `token ${block.token} should exceed 2^53`)
    assert.match(hooks.describe(), new RegExp(`${block.startPort}\\+8 token=${block.token};`))
    block.release()
  })
}

test(`${L} a small token from koffi (a JS number) still comes back as a bigint`, () => {
  fresh()
  hooks.setNextToken(42n)
  const block = acquire('tcp', 41000, 1)
  assert.equal(block.token, 42n)
  block.release()
})

test(`${L} a token near 2^64 round-trips exactly through acquire and release`, () => {
  fresh()
  hooks.setNextToken(2n ** 64n - 2n)
  const block = acquire('udp', 41000, 3)
  assert.equal(block.token, 18446744073709551614n)
  block.release() // the model releases only on an exact token match
  assert.equal(hooks.describe(), '')
})

test(`${L} release frees the block for the next acquire; a second release() is a no-op`, () => {
  fresh()
  const first = acquire('tcp', 41000, 5)
  first.release()
  first.release()
  const again = acquire('tcp', 41000, 5)
  assert.notEqual(again.token, first.token)
  again.release()
})

test(`${L} a double release by token is refused as not-found`, () => {
  fresh()
  const held = acquireReservation(ws, { protocol: 'tcp', startPort: 41000, count: 2 })
  try {
    releaseReservation(ws, held.socket, held.token)
    throwsKind(
      () => releaseReservation(ws, held.socket, held.token),
      'not-found',
      /already released/,
    )
  } finally {
    ws.closesocket(held.socket)
  }
})

test(`${L} release of a token never acquired is refused as not-found`, () => {
  fresh()
  const s = openSocket(ws, 'udp', 'open a test socket')
  try {
    throwsKind(() => releaseReservation(ws, s, 0xdeadbeefn), 'not-found', /token 3735928559/)
  } finally {
    ws.closesocket(s)
  }
})

test(`${L} a TCP token released on a UDP socket is refused (pools are per protocol)`, () => {
  fresh()
  const held = acquireReservation(ws, { protocol: 'tcp', startPort: 41000, count: 2 })
  const udp = openSocket(ws, 'udp', 'open a test socket')
  try {
    throwsKind(() => releaseReservation(ws, udp, held.token), 'not-found')
  } finally {
    ws.closesocket(udp)
    ws.closesocket(held.socket)
  }
})

test(`${L} closing the acquiring socket ends the runtime reservation`, () => {
  fresh()
  const held = acquireReservation(ws, { protocol: 'udp', startPort: 41000, count: 2 })
  assert.match(hooks.describe(), /udp runtime 41000\+2/)
  ws.closesocket(held.socket)
  assert.equal(hooks.describe(), '')
})

test(`${L} an overlapping specific acquire is refused as port-in-use`, () => {
  fresh()
  const block = acquire('tcp', 41000, 10)
  try {
    const err = throwsKind(() => acquire('tcp', 41005, 10), 'port-in-use', /TCP ports 41005–41014/)
    assert.match(err.detail ?? '', /WSAEADDRINUSE \(10048\)/)
  } finally {
    block.release()
  }
})

test(`${L} a block past 65535 is refused as invalid-input`, () => {
  fresh()
  throwsKind(() => acquire('udp', 65530, 10), 'invalid-input')
})

test(`${L} a wildcard acquire with the dynamic range used up reports no-free-block`, () => {
  fresh()
  const all = acquire('tcp', 0, 65535 - 49152 + 1)
  try {
    throwsKind(() => acquire('tcp', 0, 1), 'no-free-block', /no free block of 1 contiguous TCP/)
  } finally {
    all.release()
  }
})

test(`${L} the associate probe returns a port inside the block`, () => {
  fresh()
  const block = acquire('tcp', 41100, 3)
  try {
    // bind(0) goes through the real Wine bind; getsockname reads the port back from Wine.
    assert.equal(backend.associateProbe(block.token, 'tcp'), 41100)
    // The probe socket is closed again, so its port goes back to the reservation.
    assert.equal(backend.associateProbe(block.token, 'tcp'), 41100)
  } finally {
    block.release()
  }
})

test(`${L} the associate probe on a wildcard UDP block stays inside it`, () => {
  fresh()
  const block = acquire('udp', 0, 4)
  try {
    const port = backend.associateProbe(block.token, 'udp')
    assert.ok(port >= block.startPort && port < block.startPort + 4, `${port}`)
  } finally {
    block.release()
  }
})

test(`${L} the associate probe with an unknown token is refused as invalid-input`, () => {
  fresh()
  throwsKind(() => backend.associateProbe(999n, 'tcp'), 'invalid-input')
})
