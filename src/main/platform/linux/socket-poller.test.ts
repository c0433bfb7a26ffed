import { execFile } from 'node:child_process'
import { resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { canUseNetns } from '../../../../test/support/netns'
import type { Step } from '../../../../test/support/socket-poller-scenario'

/**
 * The scenario in a private network namespace (loopback up), optionally as nobody, with a
 * socket of root's in it made before dropping root: only these sockets are dumped, so every
 * answer is exact. `fullEvery` is the owner cache's full-read period.
 */
async function scenario(fullEvery: number, asNobody = false): Promise<Step[]> {
  const node = [
    process.execPath,
    '--import',
    'tsx',
    resolve('test/support/socket-poller-scenario.ts'),
  ]
  const drop = asNobody
    ? 'exec setpriv --reuid=65534 --regid=65534 --clear-groups "$@"'
    : 'exec "$@"'
  // Root's socket, held while the scenario runs: nobody sees it, but not who holds it.
  const root = `python3 -c 'import socket,time; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); time.sleep(20)' >/dev/null 2>&1 & sleep 0.2; `
  const { stdout } = await promisify(execFile)(
    'unshare',
    ['--net', 'sh', '-c', `ip link set lo up && ${root}${drop}`, 'sh', ...node, String(fullEvery)],
    { timeout: 60_000 },
  )
  return JSON.parse(stdout) as Step[]
}

function expectExact(steps: Step[], complete: boolean): void {
  const byName = new Map(steps.map((s) => [s.step, s]))
  for (const s of steps) {
    expect(s.disagree, s.step).toEqual([])
    expect(s.ownersComplete, s.step).toEqual([complete, complete])
  }
  // Nothing changed: the last listing itself (the inventory then compares nothing).
  expect(byName.get('nothing changed')!.same).toBe(true)
  expect(byName.get('nothing changed again')!.same).toBe(true)
  for (const name of [
    '5 sockets opened',
    '3 sockets closed',
    'a socket swapped for another',
    'a socket connected (new state and ends, same inode)',
    'a socket opened by descriptor',
    'a child shares a socket',
    'the child exited',
    'that socket closed',
    'a listener closed',
  ]) {
    const s = byName.get(name)!
    expect(s.same, name).toBe(false)
    expect(s.changesAgree, name).toBe(true)
  }
  // Only what changed was parsed or copied: 5 opened, not the 25 others.
  expect(byName.get('5 sockets opened')!.fresh).toBe(5)
}

describe.runIf(canUseNetns)('SocketPoller (real sockets, private network namespace)', () => {
  it('agrees with a full listing at every step, reports exactly what changed, and hands back the same listing when nothing did', async () => {
    expectExact(await scenario(1000), true)
  })

  it('the same when the owner cache reads every process again every other poll', async () => {
    expectExact(await scenario(2), true)
  })

  it('as nobody: the same answers, and owners incomplete (root’s socket has none to show)', async () => {
    expectExact(await scenario(1000, true), false)
  })
})
