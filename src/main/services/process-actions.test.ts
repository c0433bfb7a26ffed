import { execFile } from 'node:child_process'
import net from 'node:net'
import { resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { pythonListenersPerTest } from '../../../test/support/python-listeners-per-test'
import { realBind } from '../../../test/support/real-bind'
import { PortwardenError } from '../../shared/errors'
import { connectionOf } from '../../shared/process-actions'
import { createBackend } from '../platform'
import type { PortBackend } from '../platform/backend'
import { createAppServices } from './app-services'
import { ProcessActionsService } from './process-actions'
import { serviceNames } from './service-names'

const asRoot = process.getuid?.() === 0
const NOBODY = 65534
const backend = createBackend()
const actions = new ProcessActionsService(backend)
const listener = pythonListenersPerTest()

/** Runs test/support/process-action-child.ts as nobody and returns what it printed. */
async function asNobody(args: string[]): Promise<{ ok: boolean; kind?: string; message?: string }> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', resolve('test/support/process-action-child.ts'), ...args],
    { uid: NOBODY, gid: NOBODY },
  )
  return JSON.parse(stdout) as { ok: boolean; kind?: string; message?: string }
}

describe.skipIf(!asRoot)('who a process is (real /proc)', () => {
  it('another user’s python3 listener: executable, command line, user, start time, identity', async () => {
    const l = await listener({ uid: NOBODY })
    const d = actions.details({ pid: l.pid })
    expect(d).toMatchObject({ pid: l.pid, name: 'python3', user: 'nobody', uid: NOBODY })
    expect(d.exe).toMatch(/\/python3\.\d+$/)
    expect(d.commandLine?.[0]).toBe('/usr/bin/python3')
    expect(d.commandLine).toContain('-c')
    expect(Math.abs(Date.parse(d.startedAt!) - Date.now())).toBeLessThan(15_000)
    expect(d.identity).toMatch(/^[0-9a-f-]{36}:\d+$/)
    expect(d.self).toBe(false)
    await l.stop()
    expect(() => actions.details({ pid: l.pid })).toThrow(/exited/)
  })
})

describe.skipIf(!asRoot)('ending a process, checked against a real bind', () => {
  it('SIGTERM ends a python3 listener run as nobody, and then its port binds', async () => {
    const l = await listener({ uid: NOBODY })
    expect(realBind('tcp', l.port)).toBe('EADDRINUSE')
    const r = await actions.endProcess({ pid: l.pid, force: false })
    expect(r).toMatchObject({ pid: l.pid, signal: 'SIGTERM', exited: true, elevated: false })
    expect(realBind('tcp', l.port)).toBe('ok')
  })

  it('a listener that ignores SIGTERM is still there after it; SIGKILL (force) ends it', async () => {
    const l = await listener({ uid: NOBODY, ignoreTerm: true })
    const soft = await actions.endProcess({ pid: l.pid, force: false, waitMs: 400 })
    expect(soft).toMatchObject({ signal: 'SIGTERM', exited: false })
    expect(realBind('tcp', l.port)).toBe('EADDRINUSE')
    const hard = await actions.endProcess({ pid: l.pid, force: true })
    expect(hard).toMatchObject({ signal: 'SIGKILL', exited: true })
    expect(realBind('tcp', l.port)).toBe('ok')
  })

  it('never signals a pid that now names another process (identity from before), nor itself', async () => {
    const l = await listener()
    const stale = `${actions.details({ pid: l.pid }).identity!.split(':')[0]}:1`
    await expect(actions.endProcess({ pid: l.pid, force: true, identity: stale })).rejects.toThrow(
      /now belongs to another process: nothing was sent/,
    )
    expect(l.exited()).toBe(false)
    expect(realBind('tcp', l.port)).toBe('EADDRINUSE')
    await expect(actions.endProcess({ pid: process.pid, force: false })).rejects.toThrow(
      /this Portwarden/,
    )
    await expect(actions.endProcess({ pid: 0, force: false } as never)).rejects.toMatchObject({
      kind: 'invalid-input',
    })
  })

  it('as nobody, another user’s process is refused (it needs root), and left running', async () => {
    const l = await listener() // runs as root
    const r = await asNobody(['end', String(l.pid)])
    expect(r).toMatchObject({ ok: false, kind: 'permission-denied' })
    expect(r.message).toContain('another user')
    expect(l.exited()).toBe(false)
  })

  it('elevation (stand-in helper): asks in main naming user and command line; declined sends nothing', async () => {
    const l = await listener({ uid: NOBODY })
    const asked: string[] = []
    // A stand-in for the OS refusing (as kill(2) does for nobody → root) and for pkexec.
    const denied: PortBackend = {
      ...backend,
      processes: {
        ...backend.processes!,
        signal: () => {
          throw new PortwardenError('permission-denied', 'another user')
        },
      },
    }
    let answer = false
    const elevated: number[] = []
    const service = new ProcessActionsService(denied, {
      confirm: async (message, detail) => {
        asked.push(`${message}\n${detail}`)
        return answer
      },
      elevate: async (pid, force, identity) => {
        // Only while the pid still names the process the user saw.
        expect(identity).toBe(backend.processes!.identity(pid))
        elevated.push(pid)
        process.kill(pid, force ? 'SIGKILL' : 'SIGTERM')
      },
    })
    await expect(service.endProcess({ pid: l.pid, force: false })).rejects.toThrow(/declined/)
    expect(asked[0]).toContain(`python3 (pid ${l.pid}, user nobody)`)
    expect(asked[0]).toContain('/usr/bin/python3 -c')
    expect(elevated).toEqual([])
    expect(l.exited()).toBe(false)
    answer = true
    const r = await service.endProcess({ pid: l.pid, force: false })
    expect(r).toMatchObject({ exited: true, elevated: true })
    expect(realBind('tcp', l.port)).toBe('ok')
  })
})

/** A connection from this process to `port` on 127.0.0.1, and its socket as the kernel lists it. */
async function connectTo(port: number) {
  const client = net.connect(port, '127.0.0.1')
  const errors: string[] = []
  client.on('error', (e: NodeJS.ErrnoException) => errors.push(e.code ?? e.message))
  await new Promise((r) => client.once('connect', r))
  const socket = backend
    .listSockets()
    .sockets.find((s) => s.localPort === client.localPort && s.remotePort === port)!
  return { client, errors, socket }
}

describe.skipIf(!asRoot)('closing a connection (SOCK_DESTROY, real kernel)', () => {
  it('as root: the connection to another user’s listener is aborted and gone from the listing', async () => {
    const l = await listener({ uid: NOBODY })
    const { client, errors, socket } = await connectTo(l.port)
    expect(socket.state).toBe('ESTABLISHED')
    actions.closeConnection(connectionOf(socket))
    await expect.poll(() => errors).toContain('ECONNABORTED')
    expect(backend.listSockets().sockets.some((s) => s.inode === socket.inode)).toBe(false)
    expect(() => actions.closeConnection(connectionOf(socket))).toThrow(/already closed/)
    client.destroy()
  })

  it('as nobody: refused with a clear message; the connection stays', async () => {
    const l = await listener()
    const { client, errors, socket } = await connectTo(l.port)
    const r = await asNobody(['close', JSON.stringify(connectionOf(socket))])
    expect(r).toMatchObject({ ok: false, kind: 'permission-denied' })
    expect(r.message).toContain('CAP_NET_ADMIN')
    expect(errors).toEqual([])
    expect(backend.listSockets().sockets.some((s) => s.inode === socket.inode)).toBe(true)
    client.destroy()
  })

  it('TIME_WAIT: is not "closed" again: it says the connection has already closed', async () => {
    const server = net.createServer((s) => s.on('end', () => s.end()))
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const port = (server.address() as net.AddressInfo).port
    const client = net.connect(port, '127.0.0.1')
    await new Promise((r) => client.once('connect', r))
    const local = client.localPort!
    client.end() // the side that closes first keeps the TIME_WAIT
    await new Promise((r) => client.once('close', r))
    const tw = backend.listSockets().sockets.find((s) => s.localPort === local)!
    expect(tw.state).toBe('TIME_WAIT')
    expect(() => actions.closeConnection(connectionOf(tw))).toThrow(/TIME_WAIT/)
    server.close()
  })
})

describe('service names of well-known ports', () => {
  it('the OS’s names first, IANA’s registry for the rest, nothing for unassigned ports', async () => {
    const names = await serviceNames({ protocol: 'tcp', ports: [22, 5432, 27017, 49999] })
    expect(names['22']).toBe('ssh')
    expect(names['5432']).toBe('postgresql')
    expect(names['27017']).toBe('mongodb') // not in Debian's /etc/services
    expect(names['49999']).toBeUndefined()
    await expect(serviceNames({ protocol: 'tcp', ports: [0] })).rejects.toMatchObject({
      kind: 'invalid-input',
    })
  })
})

describe.skipIf(!asRoot)('the app services carry the process actions', () => {
  it('details of this very process say self', () => {
    const s = createAppServices({ holderDir: '/nonexistent-portwarden-test' })
    expect(s.processes.details({ pid: process.pid })).toMatchObject({ self: true, canSignal: true })
  })
})
