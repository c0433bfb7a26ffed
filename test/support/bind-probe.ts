import { execFile } from 'node:child_process'
import { resolve } from 'node:path'
import { promisify } from 'node:util'
import type { Protocol } from '../../src/shared/model'

const run = promisify(execFile)
// Resolved from the repository root, where every test runner starts.
const script = resolve('test/support/bind-probe-child.mjs')

/**
 * Asks *another process* to bind each port on `host` ("0.0.0.0", "::", "127.0.0.1", …) and
 * returns, per port, "ok" or the error code (e.g. "EADDRINUSE").
 */
export async function probeBinds(
  protocol: Protocol,
  host: string,
  ports: readonly number[],
): Promise<Record<number, string>> {
  const { stdout } = await run(process.execPath, [script, protocol, host, ports.join(',')])
  return JSON.parse(stdout) as Record<number, string>
}

/** The distinct outcomes of a probe, e.g. ["EADDRINUSE"] when every port was busy. */
export const outcomes = (r: Record<number, string>): string[] => [...new Set(Object.values(r))]
