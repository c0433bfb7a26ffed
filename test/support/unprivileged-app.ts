// The app's services as an unprivileged user (started as nobody by elevated-parent.ts), with an
// elevation runner that hands each helper command line to the parent (the stand-in for pkexec)
// and a confirm that records main's questions. Adds and removes a reserved range, tries one
// hostile command line directly, and prints what happened as JSON.
import { readFileSync } from 'node:fs'
import { createAppServices } from '../../src/main/services/app-services'
import type { RunResult } from '../../src/main/services/elevation'

const ask = (args: readonly string[]) =>
  new Promise<RunResult>((resolve) => {
    process.once('message', (m) => resolve(m as RunResult))
    process.send!({ args })
  })
const asked: string[] = []
const services = createAppServices({
  holderDir: '/nonexistent-portwarden-test',
  elevation: { method: 'pkexec', run: ask },
  confirm: (q) => (asked.push(q.message), true),
})
const live = () => readFileSync('/proc/sys/net/ipv4/ip_local_reserved_ports', 'utf8').trim()

async function main() {
  const before = live()
  const added = await services.reserved.add({ startPort: 47000, count: 11 })
  const afterAdd = live()
  const removed = await services.reserved.remove({ startPort: 47000, count: 11 })
  const afterRemove = live()
  // A compromised caller skipping the builder: the helper's own parser must refuse it.
  const hostile = await ask(['helper', 'reserved', 'add', '1-65535,22', '--json'])
  const wide = await services.reserved
    .add({ startPort: 1, count: 65535 })
    .catch((e: { kind: string }) => e.kind)
  process.stdout.write(
    JSON.stringify({
      euid: process.geteuid!(),
      info: services.appInfo().elevation,
      before,
      added,
      afterAdd,
      removed,
      afterRemove,
      hostile,
      wide,
      afterWide: live(),
      asked,
    }),
  )
  process.disconnect()
}
void main()
