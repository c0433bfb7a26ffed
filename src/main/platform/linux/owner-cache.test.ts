import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { readlinkSync } from 'node:fs'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { bindWildcard } from './bound-socket'
import { dumpInetSockets } from './inet-diag'
import { libc } from './libc'
import { OwnerCache } from './owner-cache'
import { scanSocketOwners } from './owners'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const undo of cleanups.splice(0).reverse()) await undo()
})

const self = String(process.pid)

/** A UDP socket this process holds: its descriptor and inode. */
function openSocket(): { fd: number; inode: number } {
  const bound = bindWildcard('udp', 0)
  if (!bound.ok) throw new Error(`bind failed: errno ${bound.errno}`)
  let open = true
  const close = () => open && ((open = false), libc().close(bound.fd))
  cleanups.push(close)
  const inode = Number(readlinkSync(`/proc/self/fd/${bound.fd}`).slice(8, -1))
  return Object.assign({ fd: bound.fd, inode }, { close })
}

/** What a poll hands the cache: the inode of every socket in the dump. */
const dumped = () => new Set(dumpInetSockets().records.map((r) => r.inode))

const ownersOf = (cache: OwnerCache, inode: number) =>
  (cache.scan(dumped()).byInode.get(inode) ?? []).map((o) => o.pid)

async function child(args: string[]): Promise<ChildProcess> {
  const c = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] })
  cleanups.push(() => c.kill('SIGKILL'))
  await new Promise((r) => c.stdout!.once('data', r))
  return c
}

const UDP_CHILD = [
  '-e',
  "const u=require('dgram').createSocket('udp4');u.bind(0,'127.0.0.1',()=>console.log(u.address().port));setInterval(()=>{},1e6)",
]

describe('OwnerCache (real /proc, real sockets)', () => {
  it('after the first (full) scan, a quiet poll reads no process again; owners stay right', () => {
    const mine = Array.from({ length: 50 }, openSocket)
    const cache = new OwnerCache()
    const first = cache.scan(dumped())
    expect(cache.stats.full).toBe(true)
    expect(first.byInode.get(mine[0]!.inode)?.[0]?.pid).toBe(process.pid)
    const again = cache.scan(dumped())
    expect(cache.stats.full).toBe(false)
    expect(cache.stats.rescanned).not.toContain(self) // our 50 sockets were not re-read
    for (const s of mine)
      expect(again.byInode.get(s.inode)?.map((o) => o.pid)).toEqual([process.pid])
  })

  it('a process that opens a socket is read again (its descriptor count changed)', () => {
    const cache = new OwnerCache()
    cache.scan(dumped())
    const s = openSocket()
    expect(ownersOf(cache, s.inode)).toEqual([process.pid])
    expect(cache.stats.rescanned).toContain(self)
  })

  it('a socket swapped for another under the same descriptor count is still found', () => {
    const old = openSocket() as ReturnType<typeof openSocket> & { close(): void }
    const cache = new OwnerCache()
    cache.scan(dumped())
    old.close()
    const swapped = openSocket() // the kernel hands out the lowest free descriptor: the same one
    expect(swapped.fd).toBe(old.fd)
    // Counts equal: found because its inode is unknown and the socket it replaced left the dump.
    expect(ownersOf(cache, swapped.inode)).toEqual([process.pid])
    expect(cache.stats.full).toBe(false)
  })

  it('a process that exits is forgotten, and a new one is read', async () => {
    const cache = new OwnerCache()
    const c = await child(UDP_CHILD)
    const wanted = dumped()
    const before = cache.scan(wanted)
    const inodes = [...before.byInode].filter(
      ([inode, o]) => wanted.has(inode) && o.some((x) => x.pid === c.pid),
    )
    expect(inodes).toHaveLength(1)
    c.kill('SIGKILL')
    await new Promise((r) => c.once('exit', r))
    const after = cache.scan(dumped())
    expect([...after.byInode.values()].flat().some((o) => o.pid === c.pid)).toBe(false)
    const d = await child(UDP_CHILD)
    const next = cache.scan(dumped())
    expect(cache.stats.rescanned).toContain(String(d.pid))
    expect([...next.byInode.values()].flat().some((o) => o.pid === d.pid)).toBe(true)
  })

  it('agrees with a full scan of every process for every socket that stayed put', () => {
    const mine = Array.from({ length: 20 }, openSocket)
    const cache = new OwnerCache()
    for (let i = 0; i < 3; i++) cache.scan(dumped())
    const wanted = dumped()
    const cached = cache.scan(wanted).byInode
    const full = scanSocketOwners(wanted).byInode
    const pids = (m: typeof full, inode: number) => (m.get(inode) ?? []).map((o) => o.pid).sort()
    for (const s of mine) expect(pids(cached, s.inode)).toEqual(pids(full, s.inode))
    // Other processes on this shared machine churn; most inodes must still agree.
    let agree = 0
    for (const inode of wanted) if (`${pids(cached, inode)}` === `${pids(full, inode)}`) agree++
    expect(agree / wanted.size).toBeGreaterThan(0.9)
  })
})

describe.runIf(process.geteuid?.() === 0)('OwnerCache as nobody', () => {
  it("finds its own sockets' owners, says root's are out of reach, and never reads them again", async () => {
    const root = openSocket()
    const script = `
      const { OwnerCache } = require('./src/main/platform/linux/owner-cache.ts')
      const { dumpInetSockets } = require('./src/main/platform/linux/inet-diag.ts')
      const udp = require('node:dgram').createSocket('udp4')
      udp.bind(0, '127.0.0.1', () => {
        const cache = new OwnerCache()
        const dump = () => new Set(dumpInetSockets().records.map((r) => r.inode))
        const wanted = dump()
        const first = cache.scan(wanted)
        const second = cache.scan(dump())
        const mine = [...first.byInode].filter(
          ([inode, o]) => wanted.has(inode) && o.some((x) => x.pid === process.pid),
        )
        console.log(JSON.stringify({
          mine: mine.length, complete: first.complete, rootOwner: first.byInode.has(${root.inode}),
          secondComplete: second.complete, reread: cache.stats.rescanned.includes('${self}'),
        }))
        udp.close()
      })`
    const asNobody = ['--reuid=65534', '--regid=65534', '--clear-groups']
    const { stdout } = await promisify(execFile)(
      'setpriv',
      [...asNobody, process.execPath, '--import', 'tsx', '-e', script],
      { encoding: 'utf8', timeout: 15_000 },
    )
    expect(JSON.parse(stdout)).toEqual({
      mine: 1,
      complete: false,
      rootOwner: false,
      secondComplete: false,
      reread: false,
    })
  })
})
