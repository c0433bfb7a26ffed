import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { resolve } from 'node:path'
import { createInterface } from 'node:readline'
import type { RuntimeReservation } from '../../src/shared/model'

export const BIN = resolve('bin/portwarden.mjs')

/**
 * Starts `portwarden reserve … --json` as its own process and waits for the block it printed.
 * The caller ends it with `child.kill('SIGINT')`.
 */
export async function startReserveHolder(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcessWithoutNullStreams; held: RuntimeReservation }> {
  const child = spawn(process.execPath, [BIN, 'reserve', ...args, '--json'], { env })
  let text = ''
  for await (const line of createInterface({ input: child.stdout })) {
    text += line
    if (line === '}') break
  }
  return { child, held: JSON.parse(text) as RuntimeReservation }
}
