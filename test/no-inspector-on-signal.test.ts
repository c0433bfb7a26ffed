import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { describe, expect, it } from 'vitest'
import { BIN } from './support/cli-holder'

/** Whether the process `pid` listens on any TCP port (Node's inspector would: 127.0.0.1:9229). */
const listensOnTcp = (pid: number) =>
  spawnSync('ss', ['-ltnpH'], { encoding: 'utf8' }).stdout.includes(`pid=${pid},`)

async function signalAndLook(child: ChildProcess): Promise<boolean> {
  await new Promise((r) => createInterface({ input: child.stdout! }).once('line', r))
  child.kill('SIGUSR1')
  await new Promise((r) => setTimeout(r, 700))
  const alive = child.exitCode === null && child.signalCode === null
  const listening = listensOnTcp(child.pid!)
  child.kill('SIGKILL')
  expect(alive, 'SIGUSR1 must neither open a debugger nor end the process').toBe(true)
  return listening
}

describe('kill -USR1 opens no debugger', () => {
  it('in plain Node without a guard it does (the check can see an inspector)', async () => {
    const child = spawn(process.execPath, [
      '-e',
      'console.log("ready"); setInterval(() => {}, 1e6)',
    ])
    expect(await signalAndLook(child)).toBe(true)
  })

  it('in the CLI (`portwarden reserve`)', async () => {
    const child = spawn(process.execPath, [BIN, 'reserve', '--count', '1'])
    expect(await signalAndLook(child)).toBe(false)
  })

  it('in the app’s main process (the built bundle under the stand-in electron module)', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/shell-in-child.ts'])
    expect(await signalAndLook(child)).toBe(false)
  })
})
