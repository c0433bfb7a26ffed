import assert from 'node:assert/strict'
import { test, type TestContext } from 'node:test'
import type { ReserveRequest } from '../../src/shared/model'
import { PortwardenError } from '../../src/shared/errors'
import { createWin32Backend } from '../../src/main/platform/win32'
import { bindWs2_32 } from '../../src/main/platform/win32/ws2_32'
import { bindKernel32, isInheritable } from '../../src/main/platform/win32/kernel32'
import {
  acquireReservation,
  openSocket,
  releaseReservation,
} from '../../src/main/platform/win32/runtime'
import { modelOnly, POOL_LANE, poolDlls, REAL_DLLS, standinHooks, throwsKind } from './support'

/**
 * Lane "port pool": the runtime-reservation bindings through the real koffi marshalling,
 * against the stand-in DLL (test/win32/standin/portpool.c, a model of the Windows port pool;
 * every name says "stand-in") or, with PORTWARDEN_WIN_DLLS=real on a Windows runner, against
 * the real ws2_32.dll. What the model decides is listed in test/win32/standin/MODELLED.md; none
 * of it is proof of how real Windows behaves — the real lane is.
 */
const dlls = poolDlls()
const hooks = standinHooks()
const backend = createWin32Backend({ ...dlls, isPrivileged: () => true })
const ws = bindWs2_32(dlls.ws2_32)
const k32 = bindKernel32()
const L = POOL_LANE
const U64_ABOVE_2_53 = 2n ** 53n

/** Every test starts from an empty model, elevated, with large tokens (no-ops on real DLLs). */
function fresh(): void {
  hooks.reset()
  hooks.setElevated(true)
  hooks.setNextToken(0xf00d000000000001n)
}

const acquire = (protocol: 'tcp' | 'udp', startPort: number, count: number) =>
  backend.acquireBlock({ protocol, startPort, count } satisfies ReserveRequest)

/**
 * A start port whose block the pool can grant: fixed in the model; on real Windows, one the
 * pool itself just handed out (a wildcard acquire, released), since Hyper-V/WinNAT exclusions
 * differ from machine to machine.
 */
function freeStart(protocol: 'tcp' | 'udp', count: number): number {
  if (!REAL_DLLS) return 41000
  const probe = acquire(protocol, 0, count)
  probe.release()
  return probe.startPort
}

/** On real Windows an undocumented answer is recorded, not guessed: it must still be typed. */
function undocumented(t: TestContext, fn: () => unknown, modelKind: PortwardenError['kind']) {
  if (!REAL_DLLS) return throwsKind(fn, modelKind)
  try {
    fn()
  } catch (err) {
    assert.ok(err instanceof PortwardenError, `expected a PortwardenError, got ${String(err)}`)
    t.diagnostic(`real Windows answered ${err.kind}: ${err.detail ?? err.message}`)
    return err
  }
  t.diagnostic('real Windows accepted it')
  return undefined
}

for (const protocol of ['tcp', 'udp'] as const) {
  test(`${L} specific ${protocol} acquire holds exactly the requested block`, () => {
    fresh()
    const start = freeStart(protocol, 10)
    const block = acquire(protocol, start, 10)
    assert.deepEqual([block.protocol, block.startPort, block.count], [protocol, start, 10])
    if (!REAL_DLLS) {
      // The model decodes StartPort from network order: host-order 41000 proves the swap.
      assert.match(
        hooks.describe(),
        new RegExp(`^${protocol} runtime 41000\\+10 token=${block.token};$`),
      )
    }
    block.release()
    assert.equal(hooks.describe(), '')
  })

  test(`${L} wildcard ${protocol} acquire returns a block and a 64-bit token`, () => {
    fresh()
    const block = acquire(protocol, 0, 8)
    assert.equal(typeof block.token, 'bigint')
    assert.notEqual(block.token, 0n)
    assert.equal(block.count, 8)
    assert.ok(block.startPort >= 1 && block.startPort + 7 <= 65535, `${block.startPort}`)
    if (!REAL_DLLS) {
      assert.ok(block.startPort >= 49152, `${block.startPort}`)
      assert.ok(block.token > U64_ABOVE_2_53, `token ${block.token} should exceed 2^53`)
      assert.match(hooks.describe(), new RegExp(`${block.startPort}\\+8 token=${block.token};`))
    }
    block.release()
  })
}

test(`${L} the socket holding a reservation is not inheritable (WSA_FLAG_NO_HANDLE_INHERIT)`, () => {
  fresh()
  const held = acquireReservation(ws, { protocol: 'tcp', startPort: 0, count: 2 })
  try {
    assert.equal(isInheritable(k32, held.socket), false)
  } finally {
    ws.closesocket(held.socket)
  }
})

test(`${L} below build 17763 acquire is not-supported and touches no pool`, () => {
  fresh()
  const old = createWin32Backend({ ...dlls, osBuild: () => 17134 })
  throwsKind(
    () => old.acquireBlock({ protocol: 'tcp', startPort: 0, count: 1 }),
    'not-supported',
    /Windows 10 version 1809 .*this is build 17134/,
  )
  assert.equal(hooks.describe(), '')
})

test(`${L} a small token from koffi (a JS number) still comes back as a bigint`, modelOnly, () => {
  fresh()
  hooks.setNextToken(42n)
  const block = acquire('tcp', 41000, 1)
  assert.equal(block.token, 42n)
  block.release()
})

test(`${L} a token near 2^64 round-trips exactly through acquire and release`, modelOnly, () => {
  fresh()
  hooks.setNextToken(2n ** 64n - 2n)
  const block = acquire('udp', 41000, 3)
  assert.equal(block.token, 18446744073709551614n)
  block.release() // the model releases only on an exact token match
  assert.equal(hooks.describe(), '')
})

test(`${L} release frees the block for the next acquire; a second release() is a no-op`, () => {
  fresh()
  const start = freeStart('tcp', 5)
  const first = acquire('tcp', start, 5)
  first.release()
  first.release()
  const again = acquire('tcp', start, 5)
  assert.notEqual(again.token, first.token)
  again.release()
})

test(`${L} a double release by token is refused`, (t) => {
  fresh()
  const held = acquireReservation(ws, { protocol: 'tcp', startPort: 0, count: 2 })
  try {
    releaseReservation(ws, held.socket, held.token)
    undocumented(t, () => releaseReservation(ws, held.socket, held.token), 'not-found')
  } finally {
    ws.closesocket(held.socket)
  }
})

test(`${L} release of a token never acquired is refused`, (t) => {
  fresh()
  const s = openSocket(ws, 'udp', 'open a test socket')
  try {
    const err = undocumented(t, () => releaseReservation(ws, s, 0xdeadbeefn), 'not-found')
    if (!REAL_DLLS) assert.match(err?.message ?? '', /token 3735928559/)
  } finally {
    ws.closesocket(s)
  }
})

test(
  `${L} a TCP token released on a UDP socket is refused (pools are per protocol)`,
  modelOnly,
  () => {
    fresh()
    const held = acquireReservation(ws, { protocol: 'tcp', startPort: 41000, count: 2 })
    const udp = openSocket(ws, 'udp', 'open a test socket')
    try {
      throwsKind(() => releaseReservation(ws, udp, held.token), 'not-found')
    } finally {
      ws.closesocket(udp)
      ws.closesocket(held.socket)
    }
  },
)

test(`${L} closing the acquiring socket ends the runtime reservation`, () => {
  fresh()
  const start = freeStart('udp', 2)
  const held = acquireReservation(ws, { protocol: 'udp', startPort: start, count: 2 })
  if (!REAL_DLLS) assert.match(hooks.describe(), /udp runtime 41000\+2/)
  ws.closesocket(held.socket)
  assert.equal(hooks.describe(), '')
  // The pool grants the same block again: nothing of the first reservation is left.
  acquire('udp', start, 2).release()
})

test(`${L} an overlapping specific acquire is refused`, (t) => {
  fresh()
  const start = freeStart('tcp', 10)
  const block = acquire('tcp', start, 10)
  try {
    const err = undocumented(t, () => acquire('tcp', start + 5, 10), 'port-in-use')
    if (!REAL_DLLS) assert.match(err?.detail ?? '', /WSAEADDRINUSE \(10048\)/)
  } finally {
    block.release()
  }
})

test(`${L} a block past 65535 is refused as invalid-input`, () => {
  fresh()
  throwsKind(() => acquire('udp', 65530, 10), 'invalid-input')
})

test(
  `${L} a wildcard acquire with the dynamic range used up reports no-free-block`,
  modelOnly,
  () => {
    fresh()
    const all = acquire('tcp', 0, 65535 - 49152 + 1)
    try {
      throwsKind(() => acquire('tcp', 0, 1), 'no-free-block', /no free block of 1 contiguous TCP/)
    } finally {
      all.release()
    }
  },
)

test(`${L} the associate probe returns a port inside the block`, () => {
  fresh()
  const block = acquire('tcp', freeStart('tcp', 3), 3)
  try {
    // bind(0) goes through the real bind; getsockname reads the port back from the system.
    const port = backend.associateProbe(block.token, 'tcp')
    assert.ok(port >= block.startPort && port < block.startPort + 3, `${port}`)
    if (!REAL_DLLS) assert.equal(port, 41000)
    // The probe socket is closed again, so its port goes back to the reservation.
    assert.equal(backend.associateProbe(block.token, 'tcp'), port)
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

test(`${L} the associate probe with an unknown token is refused`, (t) => {
  fresh()
  undocumented(t, () => backend.associateProbe(999n, 'tcp'), 'invalid-input')
})
