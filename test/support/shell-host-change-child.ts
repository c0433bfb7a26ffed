/**
 * Asks the built shell (under the stand-in electron module) for a host change and answers its
 * native dialog with Cancel; prints what it answered, what it asked and what the kernel list and
 * the persisted file hold afterwards. Run only through runIsolatedFromHost (a private network
 * namespace and a tmpfs over /etc/sysctl.d), so even a shell that ignored Cancel could not
 * change this machine's settings.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import Module from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { wireName } from '../../src/shared/contract'
import { createElectronStub } from './electron-stub'

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown
const stub = createElectronStub({ isPackaged: true })
const loader = Module as unknown as { _load: Loader }
const originalLoad = loader._load
const scratch = mkdtempSync(join(tmpdir(), 'portwarden-host-change-'))
process.env['PORTWARDEN_STATE_DIR'] = join(scratch, 'state')
process.env['PORTWARDEN_STUB_USERDATA'] = scratch
loader._load = (request, parent, isMain) =>
  request === 'electron' ? stub.module : originalLoad(request, parent, isMain)
Module.createRequire(import.meta.url)(resolve('out/main/index.js'))
async function main(): Promise<void> {
  await new Promise((r) => setImmediate(r))

  const contents = stub.record.windows[0]!.contents
  stub.dialog.nextAnswer = 1 // "Cancel" (the second button)
  const answer = await stub.record.handlers.get(wireName('reserved:add'))!(
    { sender: contents, senderFrame: contents.mainFrame },
    { startPort: 1, count: 65535, persist: true },
  )
  const persisted = '/etc/sysctl.d/60-portwarden-reserved-ports.conf'
  console.log(
    JSON.stringify({
      answer,
      shown: stub.dialog.shown,
      kernelList: readFileSync('/proc/sys/net/ipv4/ip_local_reserved_ports', 'utf8').trim(),
      persistedFile: existsSync(persisted),
    }),
  )
  stub.app.emit('will-quit')
  process.exit(0)
}

void main()
