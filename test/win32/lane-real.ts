import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createWin32Backend } from '../../src/main/platform/win32'
import { bindKernel32, systemDirectory } from '../../src/main/platform/win32/kernel32'
import {
  EXCLUDED_RANGE_QUERIES,
  DYNAMIC_PORT_QUERIES,
} from '../../src/main/platform/win32/netsh-commands'
import {
  parseDynamicPort,
  parseExcludedPortRanges,
} from '../../src/main/platform/win32/netsh-parse'
import { netshExe, netshPath } from '../../src/main/platform/win32/netsh-ranges'
import { decodeOem } from '../../src/main/platform/win32/oem-decode'
import { classifyExclusions, explainExclusion } from '../../src/main/services/verdict/fixes-windows'
import { realOnly } from './support'

/**
 * Lane "real Windows" (CI's windows-latest job, PORTWARDEN_WIN_DLLS=real, an elevated runner):
 * what only a real Windows can answer — netsh's real output through the parsers, what an
 * administered exclusion does to a bind, whether a runtime block shows in excludedportrange.
 * Every change to the machine is undone in `finally`.
 */
const k32 = bindKernel32()
const R = 'real Windows:'

test(
  `${R} every netsh listing parses with no warnings, sync and async alike`,
  realOnly,
  async (t) => {
    const run = netshExe(
      () => netshPath(systemDirectory(k32)),
      () => k32.GetOEMCP(),
    )
    for (const q of EXCLUDED_RANGE_QUERIES) {
      const out = run(q.args)
      const text = decodeOem(out.bytes, out.codePage)
      const parsed = parseExcludedPortRanges(text, q.protocol, q.family)
      assert.deepEqual(parsed.warnings, [], text)
      assert.match(text, /^-+\s+-+$/m, 'the column rule of a real table')
      t.diagnostic(
        `${q.args.join(' ')}: ${parsed.ranges.length} ranges (code page ${out.codePage})`,
      )
    }
    for (const q of DYNAMIC_PORT_QUERIES) {
      const out = run(q.args)
      const d = parseDynamicPort(decodeOem(out.bytes, out.codePage), q.protocol, q.family)
      t.diagnostic(`${q.args.join(' ')}: ${d.startPort} + ${d.count}`)
    }
    const backend = createWin32Backend()
    const sync = backend.reservedRanges()
    assert.deepEqual(backend.rangeWarnings(), [])
    const reading = await backend.readRangesAsync()
    assert.deepEqual(reading.excluded, sync)
    assert.ok(reading.dynamic.some((d) => d.protocols.includes('tcp')))
  },
)

test(`${R} the runner is an elevated administrator (CheckTokenMembership)`, realOnly, () => {
  assert.equal(createWin32Backend().isPrivileged(), true)
})

test(
  `${R} an administered exclusion and a bind into it: the explanation follows the test bind`,
  realOnly,
  (t) => {
    const backend = createWin32Backend()
    let start = 0
    for (let p = 43000; p < 48000 && !start; p += 89) {
      const free = [p, p + 1].every(
        (port) =>
          backend.probeBind({
            protocol: 'tcp',
            address: '0.0.0.0',
            port,
            reuse: 'none',
            v6only: false,
          }).ok,
      )
      if (free) start = p
    }
    assert.ok(start, 'a free block for the test')
    const span = { startPort: start, count: 2 }
    backend.persistent.create('tcp', span)
    try {
      const fresh = createWin32Backend() // its own range cache
      const range = fresh.reservedRanges().find((r) => r.startPort === start)
      assert.equal(range?.administered, true, JSON.stringify(range))
      const bind = fresh.probeBind({
        protocol: 'tcp',
        address: '0.0.0.0',
        port: start,
        reuse: 'none',
        v6only: false,
      })
      t.diagnostic(`explicit bind into an administered exclusion: ${JSON.stringify(bind)}`)
      const [labelled] = classifyExclusions([range!], { ours: [], others: [] })
      const e = explainExclusion('tcp', start, labelled!, bind)
      assert.equal(e.blocking, !bind.ok)
      // msquic#2891: a runtime reservation over it is refused.
      assert.throws(() => fresh.acquireBlock({ protocol: 'tcp', startPort: start, count: 1 }))
    } finally {
      backend.persistent.delete('tcp', span)
    }
  },
)

test(`${R} a runtime block of ours, if netsh lists it, is labelled as ours`, realOnly, (t) => {
  const backend = createWin32Backend()
  const block = backend.acquireBlock({ protocol: 'tcp', startPort: 0, count: 4 })
  try {
    const listed = backend
      .reservedRanges()
      .find((r) => r.startPort <= block.startPort && r.endPort >= block.startPort)
    t.diagnostic(
      listed ? `listed: ${listed.origin}` : 'netsh does not list runtime reservations here',
    )
    if (listed) assert.match(listed.origin, /^Portwarden \(this process\): runtime reservation/)
  } finally {
    block.release()
  }
})
