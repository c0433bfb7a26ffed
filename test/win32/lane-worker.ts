import assert from 'node:assert/strict'
import { once } from 'node:events'
import { existsSync } from 'node:fs'
import { createServer, type AddressInfo, type Server } from 'node:net'
import { join } from 'node:path'
import { after, test } from 'node:test'
import type { CheckPage } from '../../src/shared/check-page'
import type { InventoryDelta } from '../../src/shared/inventory'
import { createWin32Backend } from '../../src/main/platform/win32'
import type { CheckJob } from '../../src/main/services/inventory-worker/messages'
import { WorkerInventory } from '../../src/main/services/inventory-worker/worker-inventory'
import { onWindows, wineVersion } from './support'
import { nextDelta as nextDeltaWithin } from '../support/next-delta'

/**
 * The app's inventory worker on Windows: the real worker script, bundled by scripts/test-win.mjs
 * as the app's build bundles it (inventory-worker.js), started by the real WorkerInventory in a
 * worker thread of node.exe, loading the win32 backend there (createBackend()) over the
 * system's own ws2_32, iphlpapi and netsh — Wine's here, a real Windows runner's in CI.
 */
const wine = wineVersion()
const W = wine
  ? 'wine ws2_32: the inventory worker under Wine'
  : 'real Windows: the inventory worker'
const SCRIPT = join(__dirname, 'inventory-worker.js')
const system = { skip: onWindows ? false : 'not a Windows node.exe' }

const cleanups: (() => unknown)[] = []
after(async () => {
  for (const undo of cleanups.splice(0).reverse()) await undo()
})

function started(intervalMs: number): WorkerInventory {
  assert.ok(existsSync(SCRIPT), `${SCRIPT}: scripts/test-win.mjs bundles the worker there`)
  const inv = new WorkerInventory({ script: SCRIPT, intervalMs })
  cleanups.push(() => inv.stop())
  inv.start()
  return inv
}

/** A TCP listener of this process on 127.0.0.1 (node net, so Wine's ws2_32 under libuv). */
async function listening(port = 0): Promise<{ server: Server; port: number }> {
  const server = createServer().listen(port, '127.0.0.1')
  await once(server, 'listening')
  cleanups.push(() => server.listening && server.close())
  return { server, port: (server.address() as AddressInfo).port }
}

async function closed(server: Server): Promise<void> {
  server.close()
  await once(server, 'close')
}

/** Deltas under Wine take longer: 30 s, not the default 10 s. */
const nextDelta = (inv: WorkerInventory, test: (d: InventoryDelta) => boolean) =>
  nextDeltaWithin(inv, test, 30_000)

const hasPort = (port: number) => (d: InventoryDelta) =>
  d.socketsAdded.some((s) => s.protocol === 'tcp' && s.localPort === port)
const listed = (inv: WorkerInventory, port: number) =>
  inv.snapshot().sockets.some((s) => s.protocol === 'tcp' && s.localPort === port)

/** What the same backend says on this thread: the list, or the message it fails with. */
function readOrError<T>(read: () => T): { value: T } | { error: string } {
  try {
    return { value: read() }
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) }
  }
}

/** What `fn` throws (undefined when it returns). */
function thrown(fn: () => unknown): unknown {
  try {
    fn()
  } catch (err) {
    return err
  }
  return undefined
}

test(
  `${W}: the first reading comes from iphlpapi, and the ranges are as the win32 backend reports them`,
  system,
  async (t) => {
    const inv = started(200)
    const first = await inv.ready()
    // The same backend on this thread, for what the worker must have seen.
    const here = createWin32Backend()
    const listing = here.listSockets()
    assert.equal(first.status.source, 'iphlpapi')
    assert.equal(first.status.source, listing.source)
    assert.equal(first.status.ownersComplete, listing.ownersComplete)
    assert.equal(first.status.stale, undefined)
    const reserved = readOrError(() => here.reservedRanges())
    const dynamic = readOrError(() => here.dynamicRanges())
    const errors = [reserved, dynamic].flatMap((r) => ('error' in r ? [r.error] : []))
    if (wine) {
      // Wine's netsh prints no table: the reading says so instead of "no ranges".
      assert.equal(errors.length, 2, 'Wine 8 netsh lists neither range')
      // Kept, not run again: a second call within the 10 s TTL throws the very same error,
      // without a second blocking netsh (each costs ~100 ms under Wine, up to 10 s if it hangs).
      const kept = thrown(() => here.reservedRanges())
      assert.ok(kept instanceof Error)
      assert.equal(
        thrown(() => here.reservedRanges()),
        kept,
      )
      assert.match(first.status.rangesError ?? '', /netsh did not list the excluded port ranges/)
      assert.match(first.status.rangesError ?? '', /dynamic port ranges from netsh/)
    }
    assert.equal(first.status.rangesError, errors.length ? errors.join(' ') : undefined)
    assert.deepEqual(first.reservedRanges, 'value' in reserved ? reserved.value : [])
    assert.deepEqual(first.dynamicRanges, 'value' in dynamic ? dynamic.value : [])
    assert.ok(first.sockets.length > 0, 'the worker listed sockets')
    const firstMs = inv.lastReadMs
    const later: string[] = []
    for (let i = 0; i < 5; i++) {
      await inv.refresh()
      later.push(inv.lastReadMs.toFixed(1))
    }
    t.diagnostic(
      `first reading: ${first.sockets.length} sockets, source ${first.status.source}, ` +
        `ownersComplete ${first.status.ownersComplete}; ranges: ${first.status.rangesError ?? `${first.reservedRanges.length} reserved, ${first.dynamicRanges.length} dynamic`}`,
    )
    // For the record (speed targets live in npm run bench): what a reading costs the worker.
    t.diagnostic(
      `readings in the worker: first ${firstMs.toFixed(1)} ms, next five ${later.join(', ')} ms`,
    )
  },
)

test(
  `${W}: a listener this process opens arrives in a delta with its port; closing it removes it`,
  system,
  async (t) => {
    const inv = started(200)
    await inv.ready()
    const arrival = (port: number) => nextDelta(inv, hasPort(port))
    const { server, port } = await listening()
    const added = await arrival(port)
    const entry = added.socketsAdded.find((s) => s.protocol === 'tcp' && s.localPort === port)!
    assert.deepEqual(
      [entry.family, entry.state, entry.localAddress],
      ['ipv4', 'LISTEN', '127.0.0.1'],
    )
    const pids = entry.owners.map((o) => o.pid)
    if (wine && pids.length === 0) {
      // Wine 8 fills no owning pid into its tables (pid 0, shown as no owner): nothing to check.
      t.diagnostic(`Wine gave no owner pid for tcp/${port}`)
    } else {
      assert.deepEqual(pids, [process.pid])
      assert.match(entry.owners[0]!.name, /^node(\.exe)?$/i)
    }
    assert.ok(listed(inv, port), "main's mirror has it too")

    const removal = nextDelta(inv, (d) => d.socketsRemoved.some((k) => k.includes(` ${port} `)))
    await closed(server)
    await removal
    assert.equal(listed(inv, port), false)
  },
)

test(
  `${W}: refresh() resolves after a reading that includes what just changed`,
  system,
  async () => {
    const inv = started(60_000) // no timer reading during the test: only refresh() reads
    await inv.ready()
    const { server, port } = await listening()
    assert.equal(listed(inv, port), false)
    await inv.refresh()
    assert.ok(listed(inv, port))
    await closed(server)
    await inv.refresh()
    assert.equal(listed(inv, port), false)
  },
)

test(
  `${W}: a killed worker leaves the data marked stale, and a new worker recovers it`,
  system,
  async () => {
    const inv = started(200)
    await inv.ready()
    const before = await listening()
    await nextDelta(inv, hasPort(before.port))

    const stale = nextDelta(inv, (d) => d.status.stale !== undefined)
    await inv.killWorker()
    const staleDelta = await stale
    assert.match(staleDelta.status.stale!.message, /inventory reader stopped.*restarting/)
    // The last good data is kept (and flagged), not dropped.
    assert.ok(listed(inv, before.port))
    assert.notEqual(inv.snapshot().status.stale, undefined)

    // A socket opened while the worker was down arrives with the new worker's first reading.
    const during = await listening()
    const recovered = await nextDelta(
      inv,
      (d) => d.status.stale === undefined && hasPort(during.port)(d),
    )
    assert.equal(
      recovered.socketsRemoved.some((k) => k.includes(` ${before.port} `)),
      false,
    )
    assert.equal(inv.started, 2)
    assert.equal(inv.snapshot().status.stale, undefined)
    assert.equal(inv.snapshot().status.source, 'iphlpapi')
  },
)

/** A port the system just handed out and took back: free, as far as anyone knows. */
async function freedPort(): Promise<number> {
  const { server, port } = await listening()
  await closed(server)
  return port
}

/** A real bind of the kind the check makes: node listen on 127.0.0.1; its error code, or 'ok'. */
async function realBind(port: number): Promise<string> {
  const server = createServer()
  server.listen(port, '127.0.0.1')
  try {
    await once(server, 'listening')
  } catch (err) {
    return (err as NodeJS.ErrnoException).code ?? String(err)
  }
  await closed(server)
  return 'ok'
}

test(
  `${W}: a check page run in the worker agrees with real binds (held port refused, free port bindable)`,
  system,
  async (t) => {
    const inv = started(200)
    await inv.ready()
    const busy = await listening()
    const free = await freedPort()
    const job: CheckJob = {
      request: {
        page: {
          ports: `${busy.port},${free}`,
          protocol: 'tcp',
          address: '127.0.0.1',
          offset: 0,
          limit: 10,
        },
      },
      ours: [],
      otherHolders: [],
    }
    const asked = inv.runCheck(job)
    assert.ok(asked, 'the worker is up, so the check runs there')
    const page = (await asked) as CheckPage
    assert.equal(page.totalPorts, 2)
    assert.equal(page.next, undefined)
    const at = (port: number) => page.verdicts.find((v) => v.port === port)!
    t.diagnostic(
      `held ${busy.port}: ${at(busy.port)
        .reasons.map((r) => `${r.code}: ${r.message}`)
        .join(' | ')}`,
    )
    // The kernel is the judge: a real bind now says the same.
    assert.equal(at(busy.port).bindable, false)
    assert.equal(await realBind(busy.port), 'EADDRINUSE')
    assert.equal(at(free).bindable, true)
    assert.equal(await realBind(free), 'ok')
  },
)

test(
  `${W}: a whole check in the worker answers even where netsh cannot list the ranges (the kernel judges; the ranges are said to be unknown)`,
  system,
  async () => {
    const inv = started(200)
    await inv.ready()
    const busy = await listening()
    const free = await freedPort()
    const job: CheckJob = {
      request: { whole: { ports: `${busy.port},${free}`, protocol: 'tcp', address: '127.0.0.1' } },
      ours: [],
      otherHolders: [],
    }
    const asked = inv.runCheck(job)
    assert.ok(asked, 'the worker is up, so the check runs there')
    const verdicts = (await asked) as { port: number; bindable: boolean }[]
    const at = (port: number) => verdicts.find((v) => v.port === port)!
    assert.equal(at(busy.port).bindable, false)
    assert.equal(await realBind(busy.port), 'EADDRINUSE')
    assert.equal(at(free).bindable, true)
    assert.equal(await realBind(free), 'ok')
  },
)
