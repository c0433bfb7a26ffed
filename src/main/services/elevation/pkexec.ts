import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { noElevation, type ElevationRunner, type RunResult } from './runner'

/** Where Debian's `policykit-1`/`pkexec` package puts it; never looked up through PATH. */
export const PKEXEC_PATHS = ['/usr/bin/pkexec', '/bin/pkexec']

/**
 * pkexec's command line: the helper program (an absolute path, the one the polkit action names
 * in org.freedesktop.policykit.exec.path), then the helper's arguments. pkexec clears the
 * environment and authenticates through the desktop's polkit agent; `--disable-internal-agent`
 * keeps it from prompting on a terminal the app does not have.
 */
export function pkexecCommand(
  pkexec: string,
  program: readonly string[],
  args: readonly string[],
): string[] {
  if (!program.length || !program.every((p, i) => i > 0 || p.startsWith('/'))) {
    throw new Error('The helper program must be an absolute path')
  }
  return [pkexec, '--disable-internal-agent', ...program, ...args]
}

/** Runs the helper through pkexec, or says why it cannot (no pkexec installed). */
export function pkexecRunner(
  program: readonly string[],
  pkexec = PKEXEC_PATHS.find((p) => existsSync(p)),
): ElevationRunner {
  if (!pkexec) return noElevation('pkexec (polkit) is not installed')
  return {
    method: 'pkexec',
    run(args) {
      const [file, ...rest] = pkexecCommand(pkexec, program, args)
      return new Promise<RunResult>((resolve) => {
        execFile(
          file!,
          rest,
          { timeout: 300_000, maxBuffer: 16 << 20, encoding: 'utf8' },
          (err, stdout, stderr) => {
            const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0
            // pkexec(1): 126 — the authorization could not be obtained (dismissed, or refused);
            // 127 — no agent to ask, or another pkexec error (said on stderr).
            resolve({
              code,
              stdout,
              stderr,
              refused: code === 126,
              noAgent: code === 127 && /authentication agent|agent/i.test(stderr),
            })
          },
        )
      })
    },
  }
}
