import { execFile } from 'node:child_process'
import { resolve } from 'node:path'
import { promisify } from 'node:util'

/**
 * Runs a TypeScript file as root where a change to the host's port settings cannot land: a
 * private network namespace (its own ip_local_reserved_ports) and a private mount namespace
 * with a tmpfs over /etc/sysctl.d (its own persisted file). Returns stdout parsed as JSON.
 */
export async function runIsolatedFromHost<T>(script: string, args: string[] = []): Promise<T> {
  const inner = 'mount -t tmpfs portwarden-sysctl /etc/sysctl.d && exec "$@"'
  const { stdout } = await promisify(execFile)(
    'unshare',
    ['--net', '--mount', '--propagation', 'private', '--', 'sh', '-c', inner, 'sh'].concat(
      process.execPath,
      '--import',
      'tsx',
      resolve(script),
      ...args,
    ),
    { timeout: 60_000, maxBuffer: 16 << 20 },
  )
  return JSON.parse(stdout) as T
}
