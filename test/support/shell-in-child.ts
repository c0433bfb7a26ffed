/**
 * Runs the built main bundle (out/main/index.js) under the stand-in `electron` module in a
 * process of its own, so tests can signal it: prints "ready" once the shell has started.
 *   node --import tsx test/support/shell-in-child.ts
 */
import { mkdtempSync } from 'node:fs'
import Module from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createElectronStub } from './electron-stub'

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown
const stub = createElectronStub()
const loader = Module as unknown as { _load: Loader }
const originalLoad = loader._load
const scratch = mkdtempSync(join(tmpdir(), 'portwarden-shell-child-'))
process.env['PORTWARDEN_STATE_DIR'] = join(scratch, 'state')
process.env['PORTWARDEN_STUB_USERDATA'] = scratch
loader._load = (request, parent, isMain) =>
  request === 'electron' ? stub.module : originalLoad(request, parent, isMain)
Module.createRequire(import.meta.url)(resolve('out/main/index.js'))
setImmediate(() => console.log('ready'))
setInterval(() => undefined, 1 << 30)
