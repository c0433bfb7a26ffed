import type { ElevationRunner, RunResult } from './runner'

/**
 * A stand-in elevation for tests: records every helper command line it is given and answers
 * with `answer` (which may run the real helper, e.g. inside a private network namespace).
 */
export function recordingRunner(
  answer: (args: readonly string[]) => RunResult | Promise<RunResult>,
  method: 'pkexec' | 'uac' = 'pkexec',
): ElevationRunner & { calls: string[][] } {
  const calls: string[][] = []
  return {
    method,
    calls,
    async run(args) {
      calls.push([...args])
      return answer(args)
    },
  }
}
