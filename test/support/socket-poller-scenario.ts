// Runs inside a private network namespace (see socket-poller.test.ts): only this scenario's
// sockets are in the dump, so every step's answer is exact. At each step the poller's listing
// is compared, socket for socket, with a one-shot full listing (listSockets: every record
// parsed, every process read), and the changes it reports with a full diff. Prints JSON.
import { spawn, type ChildProcess } from 'node:child_process'
import dgram from 'node:dgram'
import net from 'node:net'
import type { SocketEntry, SocketListing } from '../../src/shared/sockets'
import { socketChanges } from '../../src/main/platform/socket-changes'
import { bindWildcard } from '../../src/main/platform/linux/bound-socket'
import { libc } from '../../src/main/platform/linux/libc'
import { SocketPoller } from '../../src/main/platform/linux/socket-poller'
import { listSockets } from '../../src/main/platform/linux/sockets'
import { diffChanges, diffSockets, SocketIndex } from '../../src/main/services/inventory-diff'

const fullEvery = Number(process.argv[2] ?? 1000)
const poller = new SocketPoller(fullEvery)

const view = (s: SocketEntry) =>
  `${s.protocol} ${s.state} ${s.localAddress}:${s.localPort} ${s.remoteAddress}:${s.remotePort} ` +
  `uid ${s.uid} owners ${s.owners
    .map((o) => `${o.pid}/${o.name}`)
    .sort()
    .join(',')}`
const byKey = (l: SocketListing) =>
  new Map(l.sockets.map((s) => [s.inode || view(s), view(s)] as const))

export interface Step {
  step: string
  sockets: number
  /** Sockets whose view differs between the poller and the full listing. */
  disagree: string[]
  ownersComplete: [boolean, boolean]
  /** The same listing object as the step before. */
  same: boolean
  /** The reported changes give the same diff as comparing the listings whole. */
  changesAgree: boolean | 'none'
  fresh: number
}

const steps: Step[] = []
let prev: SocketListing | undefined

function check(step: string): void {
  const mine = poller.list()
  const full = listSockets()
  const a = byKey(mine)
  const b = byKey(full)
  const disagree: string[] = []
  for (const [k, v] of a) if (b.get(k) !== v) disagree.push(`poller: ${v} | full: ${b.get(k)}`)
  for (const [k, v] of b) if (!a.has(k)) disagree.push(`poller: - | full: ${v}`)
  let changesAgree: Step['changesAgree'] = 'none'
  if (prev && mine !== prev) {
    const changes = socketChanges.get(mine.sockets)
    if (!changes || changes.since !== prev.sockets) changesAgree = false
    else {
      const keyed = (d: { added: SocketEntry[]; changed: SocketEntry[]; removed: string[] }) =>
        JSON.stringify({
          added: d.added.map(view).sort(),
          changed: d.changed.map(view).sort(),
          removed: [...d.removed].sort(),
        })
      const fast = diffChanges(SocketIndex.of(prev.sockets), changes)
      const whole = diffSockets(SocketIndex.of(prev.sockets), mine.sockets)
      changesAgree = keyed(fast) === keyed(whole)
    }
  }
  steps.push({
    step,
    sockets: mine.sockets.length,
    disagree,
    ownersComplete: [mine.ownersComplete, full.ownersComplete],
    same: mine === prev,
    changesAgree,
    fresh: mine === prev ? 0 : (socketChanges.get(mine.sockets)?.added.length ?? -1),
  })
  prev = mine
}

const udp = async (port = 0) => {
  const s = dgram.createSocket('udp4')
  await new Promise<void>((r) => s.bind(port, '127.0.0.1', r))
  return s
}
const tcp = async () => {
  const s = net.createServer()
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
  return s
}
const settle = () => new Promise((r) => setTimeout(r, 30))

async function main() {
  const udps = await Promise.all(Array.from({ length: 20 }, () => udp()))
  const tcps = await Promise.all(Array.from({ length: 5 }, () => tcp()))
  check('first listing')
  check('nothing changed')
  udps.push(...(await Promise.all(Array.from({ length: 5 }, () => udp()))))
  check('5 sockets opened')
  for (const s of udps.splice(0, 3)) s.close()
  await settle()
  check('3 sockets closed')
  // The same number of descriptors: the process's fd count alone cannot tell.
  udps.shift()!.close()
  await settle()
  udps.push(await udp())
  check('a socket swapped for another')
  await new Promise<void>((r) => udps[0]!.connect(udps[1]!.address().port, '127.0.0.1', r))
  check('a socket connected (new state and ends, same inode)')
  // A child holding one of our sockets too (an inherited descriptor): two owners.
  const shared = bindWildcard('udp', 0)
  if (!shared.ok) throw new Error(`bind failed: errno ${shared.errno}`)
  check('a socket opened by descriptor')
  const child: ChildProcess = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1e6)'], {
    stdio: ['ignore', 'ignore', 'ignore', shared.fd],
  })
  await settle()
  check('a child shares a socket')
  child.kill('SIGKILL')
  await new Promise((r) => child.once('exit', r))
  check('the child exited')
  libc().close(shared.fd)
  check('that socket closed')
  tcps.pop()!.close()
  await settle()
  check('a listener closed')
  check('nothing changed again')
  for (const s of [...udps, ...tcps]) s.close()
  console.log(JSON.stringify(steps))
}

void main()
