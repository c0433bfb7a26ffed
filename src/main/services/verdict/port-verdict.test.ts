import { execFile } from 'node:child_process'
import dgram from 'node:dgram'
import net from 'node:net'
import { resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { canUseNetns, runInPrivateNetns } from '../../../../test/support/netns'
import { startListener } from '../../../../test/support/listener'
import { realBind } from '../../../../test/support/real-bind'
import type { PortVerdict } from '../../../shared/verdict'
import { bindWildcard, closeAll } from '../../platform/linux/bound-socket'
import { dynamicPortRange } from '../../platform/linux/sysctl'
import { createAppServices } from '../app-services'

const services = createAppServices({ holderDir: '/nonexistent-portwarden-test' })
afterAll(() => services.runtime.releaseAll())
const check = (port: number, protocol: 'tcp' | 'udp' = 'tcp') =>
  services.verdicts.check({ protocol, ports: String(port) })[0]!
const codes = (v: PortVerdict) => v.reasons.map((r) => r.code)

/** A port free right now, outside the dynamic range. */
function freePort(protocol: 'tcp' | 'udp' = 'tcp'): number {
  const r = services.backend.acquireBlock({ protocol, startPort: 0, count: 1 })
  r.release()
  return r.startPort
}

/** The verdict must agree with what the kernel does with a real bind, right after. */
function expectAgreesWithBind(v: PortVerdict) {
  expect(realBind(v.protocol, v.port) === 'ok', JSON.stringify(v.reasons)).toBe(v.bindable)
}

describe('port verdicts, each cross-checked against a real bind', () => {
  it('free', () => {
    const v = check(freePort())
    expect(v).toMatchObject({ bindable: true, reasons: [{ code: 'free' }] })
    expectAgreesWithBind(v)
  })

  it('held by our own runtime token, naming it', () => {
    const r = services.runtime.reserve({ protocol: 'udp', startPort: 0, count: 3 })
    const v = check(r.startPort + 1, 'udp')
    expect(v.bindable).toBe(false)
    expect(v.reasons[0]).toMatchObject({ code: 'ours', token: r.token })
    expectAgreesWithBind(v)
    services.runtime.release(r.token)
  })

  it('in use by another process, with its pid, name and state', async () => {
    const { child, port } = await startListener(0)
    try {
      const v = check(port)
      expect(v.bindable).toBe(false)
      expect(v.reasons[0]).toMatchObject({ code: 'in-use', state: 'LISTEN', pid: child.pid })
      expect(v.reasons[0]!.message).toContain(`node (pid ${child.pid}`)
      expect(v.reasons[0]!.fix).toContain(`kill ${child.pid}`)
      expectAgreesWithBind(v)
    } finally {
      child.kill()
    }
  })

  it('in use by a UDP socket, a bound-but-idle TCP socket, and a connection’s local end', async () => {
    const udp = dgram.createSocket('udp4')
    await new Promise<void>((r) => udp.bind(0, '127.0.0.1', r))
    const udpVerdict = check(udp.address().port, 'udp')
    expect(udpVerdict.reasons[0]).toMatchObject({ code: 'in-use', state: 'UNCONN' })
    expectAgreesWithBind(udpVerdict)
    udp.close()

    const idlePort = freePort()
    const idle = bindWildcard('tcp', idlePort)
    if (!idle.ok) throw new Error(`bind failed: errno ${idle.errno}`)
    const idleVerdict = check(idlePort)
    expect(idleVerdict.reasons[0]).toMatchObject({
      code: 'in-use',
      state: 'BOUND',
      pid: process.pid,
    })
    expectAgreesWithBind(idleVerdict)
    closeAll([idle.fd])

    const port = freePort()
    const server = net.createServer()
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', r))
    const client = net.connect(port, '127.0.0.1')
    await new Promise((r) => client.once('connect', r))
    const v = check(client.localPort!)
    expect(v.reasons.map((r) => r.state)).toContain('ESTABLISHED')
    expectAgreesWithBind(v)
    client.destroy()
    server.close()
  })

  it('inside the dynamic range: bindable, with a warning and the sysctl to reserve it', () => {
    const dyn = dynamicPortRange()
    let port = dyn.low + 1234
    while (!check(port).bindable) port++
    const v = check(port)
    expect(codes(v)).toEqual(['dynamic'])
    expect(v.reasons[0]!.tip).toContain(`net.ipv4.ip_local_reserved_ports=`)
    expectAgreesWithBind(v)
  })

  it('privileged: bindable for root with a note; blocked for nobody, as the kernel says', async () => {
    const asRoot = check(81)
    expect(codes(asRoot)).toContain('privileged')
    // Bindable here: no fix is offered (the sysctl would open 81–1023 to everyone for nothing).
    if (asRoot.bindable) expect(asRoot.reasons.filter((r) => r.fix)).toEqual([])
    expectAgreesWithBind(asRoot)
    if (process.getuid?.() !== 0) return
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', resolve('test/support/verdict-in-child.ts'), 'tcp', '81'],
      { uid: 65534, gid: 65534 },
    )
    const { verdict, bind } = JSON.parse(stdout) as { verdict: PortVerdict; bind: string }
    expect(verdict.bindable).toBe(false)
    const privileged = verdict.reasons.find((r) => r.code === 'privileged')!
    expect(privileged).toMatchObject({ blocking: true })
    // setcap first; the sysctl only with what it costs everyone.
    expect(privileged.fix).toMatch(/^sudo setcap 'cap_net_bind_service=\+ep' /)
    expect(privileged.fix).toContain('ip_unprivileged_port_start=81')
    expect(privileged.fix).toContain('WARNING: that opens every port from 81 to 1023 to every user')
    expect(bind).toBe('EACCES')
  })

  it.skipIf(!canUseNetns)(
    'inside ip_local_reserved_ports (private netns): explicit binds still work, and it says so',
    async () => {
      const { verdict, bind } = await runInPrivateNetns<{ verdict: PortVerdict; bind: string }>(
        'test/support/verdict-in-child.ts',
        ['tcp', '20005', '20000', '11'],
      )
      expect(verdict.bindable).toBe(true)
      expect(verdict.reasons[0]).toMatchObject({ code: 'reserved', blocking: false })
      expect(verdict.reasons[0]!.message).toContain('an explicit bind still works')
      expect(verdict.reasons.filter((r) => r.fix)).toEqual([]) // already reserved: nothing to do
      expect(bind).toBe('ok')
    },
  )

  it('ranges the OS will not give (netsh failing) do not stop a check: the kernel still judges', async () => {
    const { createLinuxBackend } = await import('../../platform/linux')
    const real = createLinuxBackend()
    const failing = createAppServices({
      holderDir: '/nonexistent-portwarden-test',
      backend: {
        ...real,
        reservedRanges: () => {
          throw new Error('netsh printed no table (simulated).')
        },
        dynamicRanges: () => {
          throw new Error('netsh failed (simulated).')
        },
      },
    })
    const { child, port } = await startListener(0)
    try {
      const [held] = failing.verdicts.check({ protocol: 'tcp', ports: String(port) })
      expect(held).toMatchObject({ bindable: false })
      expect(codes(held!)).toContain('in-use')
      expectAgreesWithBind(held!)
      const [free] = failing.verdicts.check({ protocol: 'tcp', ports: String(freePort()) })
      expect(free).toMatchObject({ bindable: true })
      expectAgreesWithBind(free!)
    } finally {
      child.kill()
    }
  })

  it('checks lists and ranges, and rejects bad specs as invalid input', () => {
    expect(
      services.verdicts
        .check({ protocol: 'tcp', ports: '3000, 5432,8000-8002' })
        .map((v) => v.port),
    ).toEqual([3000, 5432, 8000, 8001, 8002])
    for (const bad of ['0', '65536', '80-70', 'http', '1-99999']) {
      expect(() => services.verdicts.check({ protocol: 'tcp', ports: bad }), bad).toThrow()
    }
  })
})
