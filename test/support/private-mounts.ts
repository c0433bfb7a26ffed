import { execFile } from 'node:child_process'
import { resolve } from 'node:path'
import { promisify } from 'node:util'

/**
 * Runs a TypeScript file as root in a private mount namespace (`unshare --mount`) with fresh,
 * empty tmpfs mounts on /tmp (mode 1777, as on a real system) and /run (0755): whatever another
 * user plants there, and whatever root's Portwarden writes there, vanishes with the namespace
 * and never touches the host's. Returns the script's stdout parsed as JSON.
 */
export async function runInPrivateMounts<T>(
  script: string,
  args: string[],
  timeoutMs = 170_000,
): Promise<T> {
  // A checkout that itself lives under /tmp or /run (a CI clone, say) would vanish under the
  // fresh mounts: it is bind-mounted aside first and back onto its own path afterwards.
  const inner = [
    'repo=$(pwd)',
    'case "$repo" in /tmp/*|/run/*) keep=$(mktemp -d -p /dev/shm) && mount --bind "$repo" "$keep";; *) keep=;; esac',
    'mount -t tmpfs -o mode=1777 portwarden-tmp /tmp',
    'mount -t tmpfs -o mode=0755 portwarden-run /run',
    'if [ -n "$keep" ]; then mkdir -p "$repo" && mount --bind "$keep" "$repo" && cd "$repo"; fi',
    'exec "$@"',
  ].join(' && ')
  const { stdout } = await promisify(execFile)(
    'unshare',
    [
      '--mount',
      '--propagation',
      'private',
      '--',
      'sh',
      '-c',
      inner,
      'sh',
      process.execPath,
      '--import',
      'tsx',
      resolve(script),
      ...args,
    ],
    { timeout: timeoutMs, maxBuffer: 16 << 20 },
  )
  return JSON.parse(stdout) as T
}

export const canUseMountNamespace = process.getuid?.() === 0
