import { execFile } from 'node:child_process'
import { resolve } from 'node:path'
import { promisify } from 'node:util'

const NOBODY = '65534'

/**
 * Runs a TypeScript file in a private, throw-away network namespace (`unshare --net`), so it
 * may change per-namespace sysctls without touching the host's. `asNobody` drops root inside
 * it. Returns the script's stdout parsed as JSON. Needs root (CI and these machines are).
 */
export async function runInPrivateNetns<T>(
  script: string,
  args: string[],
  options: { asNobody?: boolean } = {},
): Promise<T> {
  const drop = options.asNobody
    ? ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups']
    : []
  const { stdout } = await promisify(execFile)('unshare', [
    '--net',
    ...drop,
    process.execPath,
    '--import',
    'tsx',
    resolve(script),
    ...args,
  ])
  return JSON.parse(stdout) as T
}

export const canUseNetns = process.getuid?.() === 0
