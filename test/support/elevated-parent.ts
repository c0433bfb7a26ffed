// Runs as root inside a private network namespace (runInPrivateNetns). Plays pkexec for an
// unprivileged app: starts test/support/unprivileged-app.ts as nobody (setpriv), and for each
// helper command line the app's elevation runner sends, runs exactly that command line with the
// real CLI as root — what pkexec does after an administrator authenticated — and answers with
// its exit code and output. Prints the app's report and every command line it was asked to run.
import { spawn, spawnSync } from 'node:child_process'
import { resolve } from 'node:path'
import { BIN } from './cli-holder'

const calls: string[][] = []
const child = spawn(
  'setpriv',
  [
    '--reuid=65534',
    '--regid=65534',
    '--clear-groups',
    process.execPath,
    '--import',
    'tsx',
    resolve('test/support/unprivileged-app.ts'),
  ],
  { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] },
)
child.on('message', (message) => {
  const args = (message as { args: string[] }).args
  calls.push(args)
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 30_000 })
  child.send({ code: r.status ?? 1, stdout: r.stdout, stderr: r.stderr })
})
let out = ''
child.stdout!.on('data', (d: Buffer) => (out += d))
child.on('exit', (code) => {
  process.stdout.write(JSON.stringify({ code, calls, app: out ? JSON.parse(out) : undefined }))
  process.exit(0)
})
