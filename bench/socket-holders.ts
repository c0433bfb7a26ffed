/** Sockets held by other processes, for the benchmarks that poll them, with churn on cue. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { resolve } from 'node:path'
import { createInterface } from 'node:readline'

export interface SocketHolders {
  pids: number[]
  /** Closes `n` sockets of holder `i` and opens `n` new ones; resolves when done. */
  churn(i: number, n: number): Promise<void>
  close(): void
}

/** `total` sockets spread evenly over `processes` child processes. */
export async function holdSockets(total: number, processes: number): Promise<SocketHolders> {
  const children: { child: ChildProcessWithoutNullStreams; next: () => Promise<string> }[] = []
  for (let i = 0; i < processes; i++) {
    const child = spawn(process.execPath, [
      resolve('bench/socket-holder-child.mjs'),
      String(Math.round(total / processes)),
    ])
    child.stderr.on('data', (d: Buffer) => process.stderr.write(d))
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]()
    const next = async () => {
      const r = await lines.next()
      if (r.done) throw new Error('a socket holder exited')
      return r.value as string
    }
    children.push({ child, next })
  }
  const close = () => children.forEach((c) => c.child.kill())
  process.once('exit', close) // never leave 10,000 sockets behind, even on a crash
  for (const c of children) if ((await c.next()) !== 'ready') throw new Error('holder not ready')
  return {
    pids: children.map((c) => c.child.pid!),
    async churn(i, n) {
      const c = children[i]!
      c.child.stdin.write(`churn ${n}\n`)
      await c.next()
    },
    close,
  }
}
