/**
 * Asks the built shell (under the stand-in electron module) for a host change and answers its
 * native dialog with Cancel; prints what it answered, what it asked and what the kernel list and
 * the persisted file hold afterwards. Run only through runIsolatedFromHost (a private network
 * namespace and a tmpfs over /etc/sysctl.d), so even a shell that ignored Cancel could not
 * change this machine's settings.
 */
import { existsSync, readFileSync } from 'node:fs'
import { wireName } from '../../src/shared/contract'
import { startShellInThisProcess } from './shell-in-process'

async function main(): Promise<void> {
  const stub = await startShellInThisProcess({ isPackaged: true })

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
