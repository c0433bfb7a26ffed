import { once } from 'node:events'
import { createServer, type AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { PortwardenError } from '../../shared/errors'
import type { PortBackend } from '../platform/backend'
import { createLinuxBackend } from '../platform/linux'
import { createAppServices } from './app-services'
import { InventoryReader } from './inventory-reader'
import { buildReport } from './report/build'

// What the Windows backend throws when netsh will not list the ranges (as under Wine).
const NO_EXCLUDED =
  'netsh did not list the excluded port ranges (it printed nothing), so Portwarden cannot tell which ports Windows excludes.'
const NO_DYNAMIC = 'Could not read the dynamic port ranges from netsh.'

/** The real Linux backend, whose range lists fail on cue. */
function rangesFailOnCue() {
  const real = createLinuxBackend()
  const failing = { reserved: false, dynamic: false }
  const backend: PortBackend = {
    ...real,
    reservedRanges: () => {
      if (failing.reserved) throw new PortwardenError('internal', NO_EXCLUDED, 'netsh …')
      return real.reservedRanges()
    },
    dynamicRanges: () => {
      if (failing.dynamic) throw new PortwardenError('internal', NO_DYNAMIC, 'netsh …')
      return real.dynamicRanges()
    },
  }
  return { backend, failing, real }
}

describe('InventoryReader when the OS will not list its ranges (real sockets)', () => {
  it('the sockets still arrive; the status says why the ranges are unknown, never "none"', async () => {
    const { backend, failing } = rangesFailOnCue()
    failing.reserved = failing.dynamic = true
    const server = createServer().listen(0, '127.0.0.1')
    await once(server, 'listening')
    const port = (server.address() as AddressInfo).port
    const reader = new InventoryReader(backend, 1000)
    const first = reader.read()!
    server.close()
    expect(first.socketsAdded.some((s) => s.localPort === port && s.state === 'LISTEN')).toBe(true)
    expect(first.status.rangesError).toBe(`${NO_EXCLUDED} ${NO_DYNAMIC}`)
    expect(first.reservedRanges).toEqual([])
    expect(first.dynamicRanges).toEqual([])
    expect(first.status.stale).toBeUndefined()
  })

  it('one list failing: the other is read; read again, the error clears', () => {
    const { backend, failing, real } = rangesFailOnCue()
    failing.reserved = true
    const reader = new InventoryReader(backend, 1000)
    const first = reader.read()!
    expect(first.status.rangesError).toBe(NO_EXCLUDED)
    expect(first.dynamicRanges).toEqual(real.dynamicRanges())
    expect(first.dynamicRanges!.length).toBeGreaterThan(0)
    failing.reserved = false
    const back = reader.read()!
    expect(back.status.rangesError).toBeUndefined()
    expect(reader.last!.reservedRanges).toEqual(real.reservedRanges())
  })

  it('a list that fails after it was read: the last one is kept, flagged, and pushed', () => {
    const { backend, failing, real } = rangesFailOnCue()
    const reader = new InventoryReader(backend, 1000)
    reader.read()
    failing.dynamic = true
    // Not a quiet reading, though no socket and no list changed: the status did.
    const flagged = reader.read()!
    expect(flagged.status.rangesError).toBe(NO_DYNAMIC)
    expect(flagged.dynamicRanges).toBeUndefined() // unchanged: the last list stays
    expect(reader.last!.dynamicRanges).toEqual(real.dynamicRanges())
    expect(reader.last!.dynamicRanges.length).toBeGreaterThan(0)
  })
})

describe('a report while the ranges are unknown', () => {
  it('is refused with the reason, rather than listing no ranges', async () => {
    const { backend, failing } = rangesFailOnCue()
    const services = createAppServices({ backend })
    failing.dynamic = true
    expect(() => buildReport(services)).toThrow(
      expect.objectContaining({
        message: expect.stringMatching(/could not read the reserved or dynamic port ranges/),
        detail: NO_DYNAMIC,
      }),
    )
    failing.dynamic = false
    await services.inventory.refresh()
    expect(buildReport(services).dynamicRanges.length).toBeGreaterThan(0)
  })
})
