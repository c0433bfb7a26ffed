// Runs as root inside runInPrivateMounts (fresh /tmp and /run): lets `nobody` plant what a
// hostile local user can, then runs root's Portwarden — the CLI's list, check and reserve, and
// the app's services — and prints, as JSON, everything the test judges. Never judges itself.
//
//   trust-scenario.ts planted-tmp     a squatted /tmp/portwarden-0 full of traps
//   trust-scenario.ts other-user      nobody's own Portwarden in /run/user/65534, plus traps there
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process'
import {
  chmodSync,
  chownSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs'
import { resolve } from 'node:path'
import { createInterface } from 'node:readline'
import type { RuntimeReservation } from '../../src/shared/model'
import { BIN } from './cli-holder'

const NOBODY = 65534
const PLANT = resolve('test/support/plant-holders.mjs')
const SERVICES_CHILD = resolve('test/support/services-child.ts')
const TIMEOUT_MS = 20_000

/** Root as under `sudo`: no XDG_RUNTIME_DIR, no override of the holder directory. */
const rootEnv: NodeJS.ProcessEnv = { ...process.env }
delete rootEnv['XDG_RUNTIME_DIR']
delete rootEnv['PORTWARDEN_STATE_DIR']

interface Run {
  code: number | null
  stdout: string
  stderr: string
  timedOut: boolean
}

function run(cmd: string, args: string[], env = rootEnv): Run {
  const r = spawnSync(cmd, args, { env, timeout: TIMEOUT_MS, encoding: 'utf8' })
  const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT'
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', timedOut }
}
const cli = (...args: string[]) => run(process.execPath, [BIN, ...args])
const asNobody = (cmd: string, args: string[], env: string[] = []) =>
  run('runuser', ['-u', 'nobody', '--', 'env', ...env, cmd, ...args])

/** Starts `reserve --json` (optionally as nobody) and waits for the block it prints. */
async function startReserve(
  count: number,
  nobodyEnv?: string[],
): Promise<{ child: ChildProcessWithoutNullStreams; held?: RuntimeReservation; pid: number }> {
  const args = [BIN, 'reserve', '--count', String(count), '--json']
  const child = nobodyEnv
    ? spawn('runuser', ['-u', 'nobody', '--', 'env', ...nobodyEnv, process.execPath, ...args], {
        env: rootEnv,
      })
    : spawn(process.execPath, args, { env: rootEnv })
  let text = ''
  const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS)
  for await (const line of createInterface({ input: child.stdout })) {
    text += line
    if (line === '}') break
  }
  clearTimeout(timer)
  // runuser forks: the reserve process is runuser's child; find it by its parent.
  const pid = (nobodyEnv && childOf(child.pid!)) || child.pid!
  return { child, held: text ? (JSON.parse(text) as RuntimeReservation) : undefined, pid }
}

function childOf(ppid: number): number {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === ppid) return Number(name)
    } catch {
      // gone meanwhile
    }
  }
  return 0
}

async function stop(child: ChildProcessWithoutNullStreams, pid: number): Promise<number | null> {
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
  process.kill(pid, 'SIGINT')
  const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS)
  const code = await exited
  clearTimeout(timer)
  return code
}

function describeEntry(path: string) {
  try {
    const st = lstatSync(path)
    const kind = st.isSymbolicLink()
      ? 'symlink'
      : st.isFile()
        ? 'file'
        : st.isDirectory()
          ? 'dir'
          : st.isFIFO()
            ? 'fifo'
            : 'other'
    return { kind, uid: st.uid, mode: st.mode & 0o7777 }
  } catch {
    return undefined
  }
}

const ownersIn = (dir: string) => {
  try {
    return readdirSync(dir).map((name) => ({ name, ...describeEntry(`${dir}/${name}`) }))
  } catch {
    return []
  }
}

function services(): unknown {
  const r = run(process.execPath, ['--import', 'tsx', SERVICES_CHILD])
  return r.code === 0 ? JSON.parse(r.stdout) : r
}

async function plantedTmp() {
  writeFileSync('/tmp/victim', 'root secret\n', { mode: 0o600 })
  const plant = asNobody(process.execPath, [
    PLANT,
    '/tmp/portwarden-0',
    '--victim',
    '/tmp/victim',
    '--alive',
    String(process.pid),
    '--alive2',
    String(process.ppid),
  ])
  const before = ownersIn('/tmp/portwarden-0')
  const list = cli('list', '--json')
  const check = cli('check', '40000-40009', '--json')
  const reserve = await startReserve(3)
  const holderFile = describeEntry(`/run/portwarden/${reserve.pid}.json`)
  const listWhileHeld = cli('list', '--json')
  const reserveExit = await stop(reserve.child, reserve.pid)
  const app = services()
  return {
    plant,
    list,
    check,
    reserve: { held: reserve.held, pid: reserve.pid, exit: reserveExit, holderFile },
    listWhileHeld,
    services: app,
    victim: { text: readFileSync('/tmp/victim', 'utf8'), ...describeEntry('/tmp/victim') },
    plantedBefore: before.filter((e) => e.uid !== NOBODY),
    plantedAfter: ownersIn('/tmp/portwarden-0').filter((e) => e.uid !== NOBODY),
  }
}

async function otherUser() {
  mkdirSync('/run/user/65534', { recursive: true })
  chownSync('/run/user/65534', NOBODY, NOBODY)
  chmodSync('/run/user/65534', 0o700)
  writeFileSync('/tmp/victim', 'root secret\n', { mode: 0o600 })
  const nobodyEnv = ['XDG_RUNTIME_DIR=/run/user/65534', 'HOME=/tmp']
  const theirs = await startReserve(2, nobodyEnv)
  const ours = await startReserve(2)
  const dir = '/run/user/65534/portwarden'
  const plant = asNobody(process.execPath, [
    PLANT,
    dir,
    '--mode',
    '0700',
    '--victim',
    '/tmp/victim',
    '--alive',
    String(process.pid),
  ])
  // Root's own holder file, linked into nobody's directory: it must not show up as nobody's.
  const link = asNobody('ln', ['-s', `/run/portwarden/${ours.pid}.json`, `${dir}/${ours.pid}.json`])
  const list = cli('list', '--json')
  const ports = theirs.held ? `${theirs.held.startPort}-${theirs.held.startPort + 1}` : '1'
  const check = cli('check', ports, '--json')
  const nobodyList = asNobody(process.execPath, [BIN, 'list', '--json'], nobodyEnv)
  const app = services()
  const theirsExit = await stop(theirs.child, theirs.pid)
  const oursExit = await stop(ours.child, ours.pid)
  return {
    theirs: { held: theirs.held, pid: theirs.pid, exit: theirsExit },
    ours: { held: ours.held, pid: ours.pid, exit: oursExit },
    plant,
    link,
    list,
    check,
    nobodyList,
    services: app,
  }
}

const scenario = process.argv[2] === 'other-user' ? otherUser : plantedTmp
void scenario().then((result) => console.log(JSON.stringify(result)))
