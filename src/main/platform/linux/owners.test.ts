import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync, readlinkSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { bindWildcard } from './bound-socket'
import { libc } from './libc'
import { describeProcess, scanSocketOwners, userName } from './owners'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const undo of cleanups.splice(0).reverse()) await undo()
})

const ownComm = readFileSync('/proc/self/comm', 'utf8').trimEnd()
const ownUser = userName(process.geteuid?.() ?? 0)

/** A socket this process holds, and its inode as /proc/self/fd shows it. */
function openSocket(): { fd: number; inode: number } {
  const bound = bindWildcard('udp', 0)
  if (!bound.ok) throw new Error(`bind failed: errno ${bound.errno}`)
  cleanups.push(() => libc().close(bound.fd))
  const link = readlinkSync(`/proc/self/fd/${bound.fd}`)
  expect(link).toMatch(/^socket:\[\d+\]$/)
  return { fd: bound.fd, inode: Number(link.slice(8, -1)) }
}

async function start(command: string, args: string[], sharedFd?: number): Promise<ChildProcess> {
  const stdio = sharedFd === undefined ? 'ignore' : ['ignore', 'ignore', 'ignore', sharedFd]
  const child = spawn(command, args, { stdio: stdio as 'ignore' })
  await new Promise((done, fail) => child.once('spawn', done).once('error', fail))
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((done) => child.once('exit', done))
      child.kill()
      return exited
    }
  })
  return child
}

describe('scanSocketOwners (real /proc)', () => {
  it('finds this process as the owner of its socket, with name and user', () => {
    const { inode } = openSocket()
    const scan = scanSocketOwners()
    expect(scan.byInode.get(inode)).toEqual([
      ownUser === undefined
        ? { pid: process.pid, name: ownComm }
        : { pid: process.pid, name: ownComm, user: ownUser },
    ])
  })

  it('names every process that shares the socket after fork', async () => {
    const { fd, inode } = openSocket()
    const child = await start('sleep', ['30'], fd)
    const owners = scanSocketOwners(new Set([inode])).byInode.get(inode) ?? []
    expect(owners.map((o) => [o.pid, o.name]).sort()).toEqual(
      [
        [process.pid, ownComm],
        [child.pid, 'sleep'],
      ].sort(),
    )
  })

  it('looks only for the inodes asked for', () => {
    const [a, b] = [openSocket(), openSocket()]
    const scan = scanSocketOwners(new Set([a.inode]))
    expect([scan.byInode.has(a.inode), scan.byInode.has(b.inode)]).toEqual([true, false])
  })

  it('survives processes exiting during the scan', async () => {
    const { inode } = openSocket()
    const children = await Promise.all(
      Array.from({ length: 20 }, (_, i) => start('sleep', [`0.0${i % 10}`])),
    )
    const deadline = Date.now() + 300
    while (Date.now() < deadline) {
      const scan = scanSocketOwners()
      expect(scan.byInode.get(inode)?.[0]?.pid).toBe(process.pid)
      await new Promise((done) => setImmediate(done)) // let the children be reaped
    }
    expect(children.every((c) => c.exitCode === 0)).toBe(true)
  })
})

describe('describeProcess and userName', () => {
  it('describes a live process and nothing for one that has exited', async () => {
    expect(describeProcess(process.pid)?.name).toBe(ownComm)
    const child = await start('true', [])
    await new Promise((done) => (child.exitCode === null ? child.once('exit', done) : done(0)))
    expect(describeProcess(child.pid ?? 0)).toBeUndefined()
  })

  it('reads user names from /etc/passwd', () => {
    const passwd = readFileSync('/etc/passwd', 'utf8')
    expect(userName(0)).toBe(/^([^:]+):[^:]*:0:/m.exec(passwd)?.[1])
    expect(userName(0)).toBe('root')
    expect(userName(4_000_000_123)).toBeUndefined()
  })
})
