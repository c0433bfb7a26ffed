import { readFileSync, writeFileSync } from 'node:fs'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FuseV1Options, FuseVersion } from '@electron/fuses'
import { describe, expect, it } from 'vitest'
import { FUSE_CONFIG, flip } from '../scripts/flip-fuses.mjs'

// What @electron/fuses looks for in an Electron binary: the sentinel, the wire's version and
// length, then one byte per fuse ('0' off, '1' on).
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'

describe('Electron fuses for packaging (scripts/flip-fuses.mjs)', () => {
  it('the config turns off RunAsNode, NODE_OPTIONS, --inspect and file: extra privileges, and requires an intact app.asar (checked as an object: no packaged Electron binary here to flip)', () => {
    expect(FUSE_CONFIG).toMatchObject({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      // The window loads app://portwarden, not file://: file: gets no extra privileges.
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    })
  })

  it('flips exactly those bytes in a stand-in file carrying a fuse wire (not a real Electron binary)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'portwarden-fuses-')), 'electron')
    // A wire of 9 fuses, all on, as a newer Electron with one fuse more than the config knows.
    const before = Buffer.concat([
      Buffer.from('ELF…some code…'),
      Buffer.from(SENTINEL),
      Buffer.from([1, 9]),
      Buffer.from('111111111'),
      Buffer.from('…more code'),
    ])
    writeFileSync(file, before)
    const wire = await flip(file)
    expect(wire).toEqual({
      RunAsNode: 'off',
      EnableCookieEncryption: 'on',
      EnableNodeOptionsEnvironmentVariable: 'off',
      EnableNodeCliInspectArguments: 'off',
      EnableEmbeddedAsarIntegrityValidation: 'on',
      OnlyLoadAppFromAsar: 'on',
      LoadBrowserProcessSpecificV8Snapshot: 'off',
      GrantFileProtocolExtraPrivileges: 'off',
      'fuse #8': 'on', // unknown to the config: left as Electron set it
    })
    const after = readFileSync(file)
    expect(after.length).toBe(before.length)
    const at = before.indexOf(SENTINEL) + SENTINEL.length + 2
    expect(after.subarray(at, at + 9).toString()).toBe('010011001')
    expect(after.subarray(0, at).equals(before.subarray(0, at))).toBe(true)
    expect(after.subarray(at + 9).equals(before.subarray(at + 9))).toBe(true)
  })

  it('refuses a file without a fuse wire', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'portwarden-fuses-')), 'not-electron')
    writeFileSync(file, 'no sentinel here')
    await expect(flip(file)).rejects.toThrow(/sentinel/)
  })
})
