import net from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { portwardenErrorOf } from '../../../../test/support/errors'
import { outcomes, probeBinds } from '../../../../test/support/bind-probe'
import { portsOf } from '../../../shared/ranges'
import type { AcquiredBlock } from '../backend'
import { createLinuxBackend } from './index'
import { dynamicPortRange } from './sysctl'

const backend = createLinuxBackend()
const held: AcquiredBlock[] = []
const acquire = (...args: Parameters<typeof backend.acquireBlock>) => {
  const b = backend.acquireBlock(...args)
  held.push(b)
  return b
}
afterEach(() => held.splice(0).forEach((b) => b.release()))

/** A block of `count` ports that is free right now (found by a wildcard acquire, then let go). */
function freeBlock(protocol: 'tcp' | 'udp', count: number): number {
  const probe = backend.acquireBlock({ protocol, startPort: 0, count })
  probe.release()
  return probe.startPort
}

describe.each(['tcp', 'udp'] as const)(
  'Linux runtime blocks over %s (real sockets)',
  (protocol) => {
    it('makes binds from another process fail with EADDRINUSE on every port, v4 and v6', async () => {
      const block = acquire({ protocol, startPort: 0, count: 8 })
      const ports = portsOf(block)
      for (const host of ['0.0.0.0', '127.0.0.1', '::', '::1']) {
        expect(outcomes(await probeBinds(protocol, host, ports)), host).toEqual(['EADDRINUSE'])
      }
    })

    it('frees every port on release, and a second release is harmless', async () => {
      const block = acquire({ protocol, startPort: 0, count: 5 })
      block.release()
      block.release()
      expect(outcomes(await probeBinds(protocol, '0.0.0.0', portsOf(block)))).toEqual(['ok'])
      expect(outcomes(await probeBinds(protocol, '::', portsOf(block)))).toEqual(['ok'])
    })

    it('holds exactly the specific block asked for', async () => {
      const start = freeBlock(protocol, 4)
      const block = acquire({ protocol, startPort: start, count: 4 })
      expect([block.startPort, block.count]).toEqual([start, 4])
      expect(outcomes(await probeBinds(protocol, '::', portsOf(block)))).toEqual(['EADDRINUSE'])
    })

    it('never hands out overlapping wildcard blocks', () => {
      const blocks = Array.from({ length: 6 }, () => acquire({ protocol, startPort: 0, count: 25 }))
      const ports = blocks.flatMap(portsOf)
      expect(new Set(ports).size).toBe(ports.length)
    })

    it('keeps wildcard blocks out of the dynamic range', () => {
      const dyn = dynamicPortRange()
      const block = acquire({ protocol, startPort: 0, count: 50 })
      const end = block.startPort + block.count - 1
      expect(end < dyn.low || block.startPort > dyn.high).toBe(true)
    })

    it('refuses a block overlapping one it holds, naming the first busy port', () => {
      const start = freeBlock(protocol, 10)
      acquire({ protocol, startPort: start + 5, count: 5 })
      const err = portwardenErrorOf(() => acquire({ protocol, startPort: start, count: 10 }))
      expect(err.kind).toBe('port-in-use')
      expect(err.message).toContain(`port ${start + 5}`)
    })
  },
)

describe('Linux runtime blocks: rollback and errors (real sockets)', () => {
  it('rolls back a partial block: ports bound before the busy one are free again', async () => {
    const start = freeBlock('tcp', 20)
    const busy = start + 12
    const squatter = net.createServer()
    await new Promise<void>((r) => squatter.listen({ port: busy, host: '127.0.0.1' }, r))
    try {
      const err = portwardenErrorOf(() => acquire({ protocol: 'tcp', startPort: start, count: 20 }))
      expect(err.kind).toBe('port-in-use')
      expect(err.message).toContain(`port ${busy}`)
      const before = portsOf({ startPort: start, count: 12 })
      expect(outcomes(await probeBinds('tcp', '0.0.0.0', before))).toEqual(['ok'])
    } finally {
      await new Promise((r) => squatter.close(r))
    }
  })

  it('a wildcard request skips a busy port instead of failing', async () => {
    const first = acquire({ protocol: 'udp', startPort: 0, count: 1 })
    const next = acquire({ protocol: 'udp', startPort: 0, count: 3 })
    expect(portsOf(next)).not.toContain(first.startPort)
  })

  it('hands out distinct non-zero tokens', () => {
    const tokens = Array.from(
      { length: 20 },
      () => acquire({ protocol: 'tcp', startPort: 0, count: 1 }).token,
    )
    expect(new Set(tokens).size).toBe(20)
    expect(tokens.every((t) => t > 0n && t < 2n ** 64n)).toBe(true)
  })
})
