import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import {
  chmodSync,
  chownSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { HolderRecord } from '../../shared/holders'
import {
  holderDirectory,
  MAX_HOLDER_FILE_BYTES,
  privateDirectoryProblem,
  publishHolder,
  readHolders,
} from './holder-files'

const isRoot = process.getuid?.() === 0
const scratch = mkdtempSync(join(tmpdir(), 'portwarden-holders-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

const reservation = {
  token: '77',
  protocol: 'tcp' as const,
  startPort: 45000,
  count: 2,
  acquiredAt: new Date().toISOString(),
}
const startOf = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]!
}
const bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()
const recordFor = (pid: number, extra: Partial<HolderRecord> = {}): HolderRecord => ({
  pid,
  holder: 'cli',
  startedAt: new Date().toISOString(),
  processStart: startOf(pid),
  bootId,
  reservations: [reservation],
  ...extra,
})
let n = 0
const freshDir = () => {
  const dir = join(scratch, `d${n++}`)
  mkdirSync(dir, { mode: 0o700 })
  return dir
}

// Live processes whose pids the planted files name.
const children: ChildProcess[] = []
const sleeper = (asNobody = false): number => {
  const child = asNobody
    ? spawn('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'sleep', '120'])
    : spawn('sleep', ['120'])
  children.push(child)
  return child.pid!
}
let live = 0
beforeAll(async () => {
  live = sleeper()
  await new Promise((r) => setTimeout(r, 100)) // let setpriv/sleep exec
})
afterAll(() => children.forEach((c) => c.kill('SIGKILL')))

describe('holder files: written safely', () => {
  it('creates a private directory and a 0600 file carrying start time, boot id and uid', () => {
    const dir = join(scratch, 'new', 'holders')
    publishHolder(dir, {
      pid: process.pid,
      holder: 'app',
      startedAt: new Date().toISOString(),
      reservations: [reservation],
    })
    expect(lstatSync(dir).mode & 0o777).toBe(0o700)
    const file = join(dir, `${process.pid}.json`)
    expect(lstatSync(file).mode & 0o777).toBe(0o600)
    const record = JSON.parse(readFileSync(file, 'utf8')) as HolderRecord
    expect(record).toMatchObject({
      pid: process.pid,
      processStart: startOf(process.pid),
      bootId,
      uid: process.geteuid!(),
    })
    expect(readdirSync(dir)).toEqual([`${process.pid}.json`]) // no temp file left
    // Releasing everything removes the file.
    publishHolder(dir, {
      pid: process.pid,
      holder: 'app',
      startedAt: record.startedAt,
      reservations: [],
    })
    expect(readdirSync(dir)).toEqual([])
  })

  it('replaces a planted link instead of writing through it, and ignores predictable temp-name links', () => {
    const dir = freshDir()
    const victim = join(scratch, 'victim')
    writeFileSync(victim, 'secret\n', { mode: 0o600 })
    symlinkSync(victim, join(dir, `${process.pid}.json`))
    symlinkSync(victim, join(dir, `${process.pid}.json.${process.pid}.tmp`))
    publishHolder(dir, {
      pid: process.pid,
      holder: 'cli',
      startedAt: new Date().toISOString(),
      reservations: [reservation],
    })
    expect(readFileSync(victim, 'utf8')).toBe('secret\n')
    expect(lstatSync(join(dir, `${process.pid}.json`)).isFile()).toBe(true)
  })

  it.skipIf(!isRoot)(
    'refuses a directory another user created, one open to others, and a link',
    () => {
      const squatted = freshDir()
      chownSync(squatted, 65534, 65534)
      const open = freshDir()
      chmodSync(open, 0o777)
      const link = join(scratch, `link${n++}`)
      symlinkSync(freshDir(), link)
      const announce = (dir: string) => () =>
        publishHolder(dir, {
          pid: process.pid,
          holder: 'cli',
          startedAt: new Date().toISOString(),
          reservations: [reservation],
        })
      expect(announce(squatted)).toThrow(/owned by uid 65534, not by you/)
      expect(announce(open)).toThrow(/open to other users \(mode 777\)/)
      expect(announce(link)).toThrow(/a symbolic link/)
      for (const dir of [squatted, open]) expect(readdirSync(dir)).toEqual([])
    },
  )
})

describe('holder files: read without trusting names', () => {
  it('believes a record only from the live process with the recorded start time and boot', () => {
    const dir = freshDir()
    writeFileSync(join(dir, `${live}.json`), JSON.stringify(recordFor(live)))
    expect(readHolders(dir).map((h) => [h.pid, h.uid])).toEqual([[live, 0]])
  })

  it('drops (and removes) a record whose pid now names another process, another boot, or no one', () => {
    const dir = freshDir()
    const reused = sleeper()
    writeFileSync(
      join(dir, `${reused}.json`),
      JSON.stringify(recordFor(reused, { processStart: '1' })),
    )
    const other = sleeper()
    writeFileSync(
      join(dir, `${other}.json`),
      JSON.stringify(recordFor(other, { bootId: '00000000-0000-0000-0000-000000000000' })),
    )
    const old = sleeper()
    const { processStart: _s, bootId: _b, ...withoutIdentity } = recordFor(old)
    writeFileSync(join(dir, `${old}.json`), JSON.stringify(withoutIdentity))
    const dead = Number(readFileSync('/proc/sys/kernel/pid_max', 'utf8')) - 1
    writeFileSync(join(dir, `${dead}.json`), JSON.stringify({ ...recordFor(live), pid: dead }))
    expect(readHolders(dir)).toEqual([])
    expect(readdirSync(dir)).toEqual([])
  })

  it('neither follows, blocks on, nor crashes on a symlink, a FIFO, a directory or a huge file named like holder files', () => {
    const dir = freshDir()
    const elsewhere = freshDir()
    writeFileSync(join(elsewhere, 'real.json'), JSON.stringify(recordFor(live)))
    symlinkSync(join(elsewhere, 'real.json'), join(dir, `${live}.json`))
    const a = sleeper()
    execFileSync('mkfifo', [join(dir, `${a}.json`)])
    mkdirSync(join(dir, `${sleeper()}.json`))
    mkdirSync(join(dir, `${Number(readFileSync('/proc/sys/kernel/pid_max', 'utf8')) - 1}.json`))
    const big = join(dir, `${sleeper()}.json`)
    writeFileSync(big, '{')
    truncateSync(big, MAX_HOLDER_FILE_BYTES + 1)
    // One good record among them is still found.
    const good = sleeper()
    writeFileSync(join(dir, `${good}.json`), JSON.stringify(recordFor(good)))
    expect(readHolders(dir).map((h) => h.pid)).toEqual([good])
  })

  it.skipIf(!isRoot)(
    "ignores a file whose owner is not the process's user (pid 1 planted by nobody)",
    async () => {
      const dir = freshDir()
      const planted = join(dir, '1.json')
      writeFileSync(planted, JSON.stringify({ ...recordFor(1), uid: 0 }))
      chownSync(planted, 65534, 65534)
      const theirs = sleeper(true)
      // setpriv changes its uid, then becomes sleep: wait until it runs as nobody.
      while (!/^Uid:\s+65534/m.test(readFileSync(`/proc/${theirs}/status`, 'utf8')))
        await new Promise((r) => setTimeout(r, 10))
      const claimed = join(dir, `${theirs}.json`)
      writeFileSync(claimed, JSON.stringify(recordFor(theirs)))
      expect(readHolders(dir)).toEqual([])
      expect(readdirSync(dir).sort()).toEqual(['1.json', `${theirs}.json`].sort()) // not ours to judge
    },
  )

  it.skipIf(!isRoot)(
    'does not read a directory that is not a private one of ours, and says why once',
    () => {
      const dir = freshDir()
      writeFileSync(join(dir, `${live}.json`), JSON.stringify(recordFor(live)))
      chmodSync(dir, 0o777)
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
      expect(readHolders(dir)).toEqual([])
      expect(readHolders(dir)).toEqual([])
      expect(warn).toHaveBeenCalledTimes(1)
      expect(String(warn.mock.calls[0]![0])).toMatch(/will not use .* open to other users/)
      warn.mockRestore()
    },
  )
})

describe('holder directory choice', () => {
  it.skipIf(!isRoot)(
    'root without XDG_RUNTIME_DIR (sudo) uses /run/portwarden, never a directory under /tmp',
    () => {
      expect(holderDirectory({})).toBe('/run/portwarden')
      expect(holderDirectory({ TMPDIR: '/tmp' })).toBe('/run/portwarden')
    },
  )

  it('uses XDG_RUNTIME_DIR only when that directory is private and ours', () => {
    const mine = freshDir()
    expect(holderDirectory({ XDG_RUNTIME_DIR: mine })).toBe(join(mine, 'portwarden'))
    const open = freshDir()
    chmodSync(open, 0o755)
    expect(holderDirectory({ XDG_RUNTIME_DIR: open })).not.toContain(open)
    expect(holderDirectory({ XDG_RUNTIME_DIR: 'relative/dir' })).not.toContain('relative')
  })

  it('explains what is wrong with a directory', () => {
    expect(privateDirectoryProblem(join(scratch, 'absent'))).toMatch(
      /cannot be inspected \(ENOENT\)/,
    )
    const file = join(scratch, 'plain-file')
    writeFileSync(file, '')
    expect(privateDirectoryProblem(file)).toBe('not a directory')
    expect(privateDirectoryProblem(freshDir())).toBeUndefined()
  })
})
