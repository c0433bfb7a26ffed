import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { BlockLabelService } from './block-labels'
import { SettingsStore } from './settings-store'

const dir = mkdtempSync(join(tmpdir(), 'portwarden-labels-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('block labels, kept in the settings file by range', () => {
  it('set, read back by a new store from the file, replaced, removed when empty', () => {
    const file = join(dir, 'settings.json')
    const labels = new BlockLabelService(new SettingsStore(file))
    expect(
      labels.set({ protocol: 'tcp', startPort: 61000, count: 100, label: ' CI agents ' }),
    ).toEqual({
      'tcp 61000-61099': 'CI agents',
    })
    const again = new BlockLabelService(new SettingsStore(file))
    expect(again.list()).toEqual({ 'tcp 61000-61099': 'CI agents' })
    again.set({ protocol: 'tcp', startPort: 61000, count: 100, label: 'CI' })
    again.set({ protocol: 'udp', startPort: 5353, count: 1, label: 'mdns' })
    expect(again.list()).toEqual({ 'tcp 61000-61099': 'CI', 'udp 5353-5353': 'mdns' })
    expect(again.set({ protocol: 'tcp', startPort: 61000, count: 100, label: '' })).toEqual({
      'udp 5353-5353': 'mdns',
    })
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      blockLabels: { 'udp 5353-5353': 'mdns' },
    })
  })

  it('refuses control characters, overlong labels and bad ranges; nothing is written', () => {
    const labels = new BlockLabelService(new SettingsStore())
    for (const bad of [
      { protocol: 'tcp', startPort: 1, count: 1, label: 'a\u001b[31m' },
      { protocol: 'tcp', startPort: 1, count: 1, label: 'x'.repeat(81) },
      { protocol: 'tcp', startPort: 0, count: 1, label: 'zero' },
      { protocol: 'tcp', startPort: 1, count: 1, label: 'line\nbreak' },
    ])
      expect(() => labels.set(bad as never), JSON.stringify(bad)).toThrow()
    expect(labels.list()).toEqual({})
  })
})
