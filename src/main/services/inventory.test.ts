import { spawn } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import type { InventoryDelta } from '../../shared/inventory'
import type { PortBackend } from '../platform/backend'
import { createLinuxBackend } from '../platform/linux'
import { InventoryService } from './inventory'

/** The real Linux backend, counting how many polls have started. */
function countingBackend() {
  const real = createLinuxBackend()
  const counter = { polls: 0, fail: false }
  const backend: PortBackend = {
    ...real,
    listSockets: () => {
      counter.polls++
      if (counter.fail) throw new Error('netlink went away')
      return real.listSockets()
    },
  }
  return { backend, counter }
}

const stops: (() => void)[] = []
afterEach(() => stops.splice(0).forEach((s) => s()))

function deltaMatching(svc: InventoryService, test: (d: InventoryDelta) => boolean) {
  return new Promise<InventoryDelta>((resolve) => {
    const off = svc.onChange((d) => {
      if (test(d)) {
        off()
        resolve(d)
      }
    })
  })
}

describe('InventoryService (real sockets, real polling)', () => {
  it('pushes a socket another process opens on the next poll, and its removal after', async () => {
    const { backend, counter } = countingBackend()
    const svc = new InventoryService(backend, 150)
    svc.start()
    stops.push(() => svc.stop())
    const child = spawn(process.execPath, [
      '-e',
      "const s=require('net').createServer().listen(0,'127.0.0.1',()=>console.log(s.address().port))",
    ])
    stops.push(() => child.kill())
    const port = Number(await new Promise((r) => child.stdout.once('data', r)))
    const pollsWhenUp = counter.polls
    const added = await deltaMatching(svc, (d) => d.socketsAdded.some((s) => s.localPort === port))
    expect(counter.polls).toBeLessThanOrEqual(pollsWhenUp + 1)
    const entry = added.socketsAdded.find((s) => s.localPort === port)!
    expect(entry).toMatchObject({ protocol: 'tcp', state: 'LISTEN', localAddress: '127.0.0.1' })
    expect(entry.owners.map((o) => o.pid)).toContain(child.pid)

    child.kill()
    const removed = await deltaMatching(svc, (d) => d.socketsRemoved.length > 0)
    expect(removed.socketsRemoved.some((k) => k.includes(` ${port} `))).toBe(true)
  })

  it('pushes nothing when nothing changed', () => {
    const { backend } = countingBackend()
    const svc = new InventoryService(backend, 1000)
    const seen: InventoryDelta[] = []
    svc.onChange((d) => seen.push(d))
    svc.poll()
    const again = svc.poll()
    // Other processes on this machine may churn sockets; what must never happen is an empty push.
    if (again)
      expect(
        again.socketsAdded.length + again.socketsRemoved.length + again.socketsChanged.length,
      ).toBeGreaterThan(0)
    expect(seen[0]!.reservedRanges).toBeDefined()
    expect(seen[0]!.dynamicRanges).toEqual([
      expect.objectContaining({
        protocols: ['tcp', 'udp'],
        origin: 'net.ipv4.ip_local_port_range',
      }),
    ])
  })

  it('a failing poll keeps the last good data, marks it stale, and recovers', () => {
    const { backend, counter } = countingBackend()
    const svc = new InventoryService(backend, 1000)
    svc.poll()
    const good = svc.snapshot()
    counter.fail = true
    const staleDelta = svc.poll()
    expect(staleDelta?.status.stale?.message).toBe('netlink went away')
    expect(svc.snapshot().sockets).toEqual(good.sockets)
    counter.fail = false
    svc.poll()
    expect(svc.snapshot().status.stale).toBeUndefined()
  })

  it('when the very first reading fails, snapshot() says why', () => {
    const { backend, counter } = countingBackend()
    counter.fail = true
    const svc = new InventoryService(backend, 1000)
    expect(() => svc.snapshot()).toThrow('could not read the ports in use')
  })
})
