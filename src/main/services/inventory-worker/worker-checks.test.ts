import { spawn } from 'node:child_process'
import net from 'node:net'
import { resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { PortVerdict } from '../../../shared/verdict'
import { createLinuxBackend } from '../../platform/linux'
import type { PortBackend } from '../../platform/backend'
import { createAppServices } from '../app-services'

const SCRIPT = resolve('src/main/services/inventory-worker/worker.ts')

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const undo of cleanups.splice(0).reverse()) await undo()
})

/** The real backend, except that a test bind made on this thread fails the test. */
function mainMustNotProbe(): PortBackend {
  return {
    ...createLinuxBackend(),
    probeBind: () => {
      throw new Error('a port was probed on main’s thread')
    },
  }
}

async function listener(): Promise<number> {
  const child = spawn(process.execPath, [
    '-e',
    "const s=require('net').createServer().listen(0,'0.0.0.0',()=>console.log(s.address().port))",
  ])
  cleanups.push(() => child.kill())
  return Number(await new Promise((r) => child.stdout.once('data', r)))
}

/** A port the kernel just handed out and took back: free, as far as anyone knows. */
async function freedPort(): Promise<number> {
  const s = net.createServer()
  await new Promise<void>((r) => s.listen(0, '0.0.0.0', r))
  const port = (s.address() as net.AddressInfo).port
  await new Promise((r) => s.close(r))
  return port
}

describe('port checks in the inventory worker (real binds, real sockets)', () => {
  it('1-65535 page by page: every port once, probed in the worker, judged as the kernel says', async () => {
    const services = createAppServices({
      backend: mainMustNotProbe(),
      inventoryWorker: { script: SCRIPT },
      pollIntervalMs: 60_000,
    })
    cleanups.push(() => services.inventory.stop())
    cleanups.push(() => services.runtime.releaseAll())
    services.inventory.start()
    await services.inventory.ready()
    const busy = await listener()
    const ours = services.runtime.reserve({ protocol: 'tcp', startPort: 0, count: 3 })
    const free = await freedPort()

    const seen: PortVerdict[] = []
    let pages = 0
    for (let offset: number | undefined = 0; offset !== undefined; pages++) {
      const page = await services.checks.page({
        ports: '1-65535',
        protocol: 'tcp',
        offset,
        limit: 4096,
      })
      expect(page.totalPorts).toBe(65_535)
      seen.push(...page.verdicts)
      offset = page.next
    }
    expect(pages).toBe(16)
    expect(seen.map((v) => v.port)).toEqual(Array.from({ length: 65_535 }, (_, i) => i + 1))

    const at = (port: number) => seen.find((v) => v.port === port)!
    expect(at(busy).bindable).toBe(false)
    expect(at(busy).reasons.map((r) => r.code)).toContain('in-use')
    expect(at(ours.startPort).bindable).toBe(false)
    expect(at(ours.startPort).reasons.map((r) => r.code)).toContain('ours')
    expect(at(free).bindable).toBe(true)
  }, 120_000)

  it('a bad page request is refused with the contract’s error, from the worker', async () => {
    const services = createAppServices({
      backend: mainMustNotProbe(),
      inventoryWorker: { script: SCRIPT },
    })
    cleanups.push(() => services.inventory.stop())
    services.inventory.start()
    await services.inventory.ready()
    await expect(
      services.checks.page({ ports: '70000', protocol: 'tcp', offset: 0, limit: 10 }),
    ).rejects.toMatchObject({ kind: 'invalid-input' })
  })

  it('without a worker (the CLI), pages are checked on the caller’s thread', async () => {
    const services = createAppServices()
    const port = await listener()
    const page = await services.checks.page({
      ports: `${port}`,
      protocol: 'tcp',
      offset: 0,
      limit: 1,
    })
    expect(page).toMatchObject({ totalPorts: 1, verdicts: [{ port, bindable: false }] })
    expect(page.next).toBeUndefined()
  })
})
