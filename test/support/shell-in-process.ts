import { mkdtempSync } from 'node:fs'
import Module from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createElectronStub } from './electron-stub'

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown

/**
 * Starts the built main bundle (out/main/index.js) in this process under the stand-in `electron`
 * module, its holder file and settings in a throw-away folder, for child scripts that tests
 * signal or run inside namespaces. Resolves with the stub once the shell's ready handler ran.
 */
export async function startShellInThisProcess(
  options: { isPackaged?: boolean } = {},
): Promise<ReturnType<typeof createElectronStub>> {
  const stub = createElectronStub(options)
  const loader = Module as unknown as { _load: Loader }
  const originalLoad = loader._load
  const scratch = mkdtempSync(join(tmpdir(), 'portwarden-shell-child-'))
  process.env['PORTWARDEN_STATE_DIR'] = join(scratch, 'state')
  process.env['PORTWARDEN_STUB_USERDATA'] = scratch
  loader._load = (request, parent, isMain) =>
    request === 'electron' ? stub.module : originalLoad(request, parent, isMain)
  Module.createRequire(import.meta.url)(resolve('out/main/index.js'))
  await new Promise((r) => setImmediate(r))
  return stub
}
