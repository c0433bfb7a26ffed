import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createWin32Backend } from '../../src/main/platform/win32'
import { standinDll, standinHooks, throwsKind } from './support'

/**
 * Lane "stand-in DLL (model of Windows)", persistent reservations: the six iphlpapi functions
 * as modelled by test/win32/standin/portpool.c, called through the real koffi bindings.
 */
const dll = standinDll()
const hooks = standinHooks(dll)
const backend = createWin32Backend({ ws2_32: dll, iphlpapi: dll, isPrivileged: () => true })
const { persistent } = backend
const L = 'stand-in DLL (model of Windows):'
const span = { startPort: 42000, count: 5 }

function fresh(): void {
  hooks.reset()
  hooks.setElevated(true)
  hooks.setNextToken(0xf00d000000000001n)
}

for (const protocol of ['tcp', 'udp'] as const) {
  test(`${L} persistent ${protocol} create, lookup and delete`, () => {
    fresh()
    const token = persistent.create(protocol, span)
    assert.ok(token > 2n ** 53n)
    assert.equal(persistent.lookup(protocol, span), token)
    assert.match(hooks.describe(), new RegExp(`^${protocol} persistent 42000\\+5 token=${token};$`))
    persistent.delete(protocol, span)
    throwsKind(() => persistent.lookup(protocol, span), 'not-found', /No persistent reservation/)
  })
}

test(`${L} persistent lookup with a start/count that does not match exactly is invalid-input`, () => {
  fresh()
  persistent.create('tcp', span)
  throwsKind(() => persistent.lookup('tcp', { startPort: 42000, count: 4 }), 'invalid-input')
  throwsKind(() => persistent.delete('tcp', { startPort: 42001, count: 5 }), 'invalid-input')
})

test(`${L} persistent delete of a reservation that does not exist is not-found`, () => {
  fresh()
  throwsKind(() => persistent.delete('udp', span), 'not-found', /UDP ports 42000–42004/)
})

test(`${L} persistent create or delete when not elevated is permission-denied`, () => {
  fresh()
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

test(`${L} associating with a persistent reservation when not elevated is permission-denied`, () => {
  fresh()
  const token = persistent.create('tcp', span)
  assert.equal(backend.associateProbe(token, 'tcp'), 42000)
  hooks.setElevated(false)
  throwsKind(() => backend.associateProbe(token, 'tcp'), 'permission-denied', /administrator/)
})

test(`${L} a persistent block overlapping another reservation is port-in-use`, () => {
  fresh()
  persistent.create('tcp', span)
  const err = throwsKind(
    () => persistent.create('tcp', { startPort: 42003, count: 5 }),
    'port-in-use',
    /TCP ports 42003–42007 overlaps an existing reservation or a port in use/,
  )
  assert.match(err.detail ?? '', /ERROR_SHARING_VIOLATION \(32\)/)
  const runtime = backend.acquireBlock({ protocol: 'udp', startPort: 42010, count: 2 })
  try {
    throwsKind(() => persistent.create('udp', { startPort: 42011, count: 1 }), 'port-in-use')
  } finally {
    runtime.release()
  }
})

test(`${L} a zero or overflowing persistent block is invalid-input`, () => {
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
