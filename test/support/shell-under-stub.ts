import { existsSync, mkdtempSync } from 'node:fs'
import Module from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import { createElectronStub } from './electron-stub'

const MAIN_BUNDLE = resolve('out/main/index.js')
type Loader = (request: string, parent: unknown, isMain: boolean) => unknown

/**
 * Loads the built main bundle under plain Node with the stand-in `electron` module for the
 * calling test file (beforeAll), and quits it afterwards (afterAll). The shell's holder file and
 * settings go to a throw-away folder; `env` is set before the bundle loads, `isPackaged` is what
 * app.isPackaged says. Returns the stub, whose record the tests read.
 */
export function loadShellUnderStub(
  options: { isPackaged?: boolean; env?: Record<string, string> } = {},
): ReturnType<typeof createElectronStub> {
  const stub = createElectronStub({ isPackaged: options.isPackaged })
  const loader = Module as unknown as { _load: Loader }
  const originalLoad = loader._load
  beforeAll(async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'portwarden-shell-'))
    process.env['PORTWARDEN_STATE_DIR'] = join(scratch, 'state')
    process.env['PORTWARDEN_STUB_USERDATA'] = scratch
    Object.assign(process.env, options.env)
    if (!existsSync(MAIN_BUNDLE))
      throw new Error('No built main bundle: run "npm run build" first.')
    loader._load = (request, parent, isMain) =>
      request === 'electron' ? stub.module : originalLoad(request, parent, isMain)
    Module.createRequire(import.meta.url)(MAIN_BUNDLE)
    await new Promise((r) => setImmediate(r)) // let app.whenReady().then(...) run
  })
  afterAll(() => {
    loader._load = originalLoad
    stub.app.emit('will-quit')
  })
  return stub
}
