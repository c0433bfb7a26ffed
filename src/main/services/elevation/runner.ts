/** What one run of the elevated helper gave back. */
export interface RunResult {
  /** The helper's exit code; the elevation tool's own codes (pkexec 126/127) pass through. */
  code: number
  stdout: string
  stderr: string
  /** The user dismissed or refused the prompt (UAC "No", polkit "Cancel"). */
  refused?: boolean
  /** No one could be asked (no polkit agent): nothing ran. */
  noAgent?: boolean
}

/**
 * Runs the helper elevated. One implementation per way of elevating (pkexec, UAC) and a fake for
 * tests; `method: 'none'` where this machine has no way, with the reason.
 */
export interface ElevationRunner {
  readonly method: 'pkexec' | 'uac' | 'none'
  readonly unavailableReason?: string
  /** `args` as helperArgs() built them: the runner puts its own program in front. */
  run(args: readonly string[]): Promise<RunResult>
}

export const noElevation = (reason: string): ElevationRunner => ({
  method: 'none',
  unavailableReason: reason,
  run: () => Promise.reject(new Error(`No elevation here: ${reason}`)),
})
