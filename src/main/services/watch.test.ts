import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { portwardenErrorOf } from '../../../test/support/errors'
import { startListener } from '../../../test/support/listener'
import { MAX_WATCHED_PORTS, type WatchedStatus } from '../../shared/watch'
import { createAppServices } from './app-services'
import { SettingsStore } from './settings-store'

const stops: (() => void)[] = []
afterEach(() => stops.splice(0).forEach((s) => s()))

function servicesWithSettings() {
  const dir = mkdtempSync(join(tmpdir(), 'portwarden-watch-'))
  const settingsFile = join(dir, 'settings.json')
  const services = createAppServices({
    settingsFile,
    pollIntervalMs: 100,
    holderDir: join(dir, 'h'),
  })
  stops.push(() => services.inventory.stop())
  return { services, settingsFile, dir }
}

/** A port nothing holds right now, outside the dynamic range. */
function freePort(s: ReturnType<typeof createAppServices>): number {
  const b = s.backend.acquireBlock({ protocol: 'tcp', startPort: 0, count: 1 })
  b.release()
  return b.startPort
}

describe('watched ports (real sockets, real settings file)', () => {
  it('saves watched ports atomically and reloads them', () => {
    const { services, settingsFile, dir } = servicesWithSettings()
    const port = freePort(services)
    const list = services.watch.add({ protocol: 'tcp', port, label: 'dev server' })
    expect(list).toEqual([
      expect.objectContaining({ watched: { protocol: 'tcp', port, label: 'dev server' } }),
    ])
    expect(JSON.parse(readFileSync(settingsFile, 'utf8')).watchedPorts).toEqual([
      { protocol: 'tcp', port, label: 'dev server' },
    ])
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([])
    expect(new SettingsStore(settingsFile).get().watchedPorts).toHaveLength(1)
    services.watch.remove({ protocol: 'tcp', port })
    expect(services.watch.list()).toEqual([])
    expect(portwardenErrorOf(() => services.watch.remove({ protocol: 'tcp', port })).kind).toBe(
      'not-found',
    )
  })

  it('notifies when another process takes a watched port, and again when it lets go', async () => {
    const { services } = servicesWithSettings()
    const port = freePort(services)
    services.watch.add({ protocol: 'tcp', port, label: 'api' })
    const notes: string[] = []
    const statuses: WatchedStatus[][] = []
    services.watch.onNotify((title, body) => notes.push(`${title} | ${body}`))
    services.watch.onStatus((list) => statuses.push(list))
    services.inventory.start()

    const { child } = await startListener(port, '0.0.0.0')
    stops.push(() => child.kill())
    await expect.poll(() => notes.length, { timeout: 5000 }).toBe(1)
    expect(notes[0]).toContain(
      `api — TCP ${port} is no longer bindable | In use by node (pid ${child.pid}`,
    )
    expect(statuses.at(-1)![0]!.verdict.bindable).toBe(false)

    child.kill()
    await expect.poll(() => notes.length, { timeout: 5000 }).toBe(2)
    expect(notes[1]).toContain(`api — TCP ${port} is bindable again`)
  })

  it('keeps an unreadable settings file aside instead of overwriting it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'portwarden-settings-'))
    const file = join(dir, 'settings.json')
    writeFileSync(file, '{ not json')
    const store = new SettingsStore(file)
    expect(store.get().watchedPorts).toEqual([])
    const aside = readdirSync(dir).find((f) => f.startsWith('settings.json.corrupt-'))!
    expect(readFileSync(join(dir, aside), 'utf8')).toBe('{ not json')
  })

  it('rejects bad watch input at the boundary', () => {
    const { services } = servicesWithSettings()
    for (const bad of [
      { protocol: 'tcp', port: 0 },
      { protocol: 'tcp', port: 70000 },
      { protocol: 'x', port: 80 },
    ]) {
      expect(portwardenErrorOf(() => services.watch.add(bad as never)).kind).toBe('invalid-input')
    }
  })

  it(`watches at most ${MAX_WATCHED_PORTS} ports, with a clear error beyond, and writes the file once per change`, () => {
    const { services, settingsFile } = servicesWithSettings()
    const inodes = new Set<number>()
    for (let i = 0; i < MAX_WATCHED_PORTS; i++) {
      services.watch.add({ protocol: i % 2 ? 'udp' : 'tcp', port: 20000 + i })
      inodes.add(statSync(settingsFile).ino) // every write renames a new file into place
    }
    expect(inodes.size).toBeGreaterThan(1)
    const error = portwardenErrorOf(() => services.watch.add({ protocol: 'tcp', port: 30000 }))
    expect(error).toMatchObject({
      kind: 'resource-exhausted',
      message: `At most ${MAX_WATCHED_PORTS} ports can be watched; stop watching one first.`,
    })
    const saved = () => JSON.parse(readFileSync(settingsFile, 'utf8')).watchedPorts as unknown[]
    expect(saved()).toHaveLength(MAX_WATCHED_PORTS)
    // Watching one already watched (no change) is fine at the limit, and writes nothing.
    const before = statSync(settingsFile)
    services.watch.add({ protocol: 'tcp', port: 20000 })
    expect(statSync(settingsFile).ino).toBe(before.ino)
    // A label change is a change: written once.
    services.watch.add({ protocol: 'tcp', port: 20000, label: 'db' })
    expect(statSync(settingsFile).ino).not.toBe(before.ino)
    services.watch.remove({ protocol: 'udp', port: 20001 })
    services.watch.add({ protocol: 'tcp', port: 30000 })
    expect(saved()).toHaveLength(MAX_WATCHED_PORTS)
  })
})
