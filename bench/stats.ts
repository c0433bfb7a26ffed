import { pathToFileURL } from 'node:url'

/** Median of a list of numbers (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

export const ms = (n: number) => `${n.toFixed(2)} ms`

/**
 * Runs a benchmark's main() when its file is the script Node was started with (bench/run.ts
 * starts each in its own process); a failure prints and sets the exit code. `exit` ends the
 * process when main() is done, for benchmarks whose worker threads or children would keep it.
 */
export function runWhenMain(
  url: string,
  main: () => Promise<unknown>,
  options: { exit?: boolean } = {},
): void {
  if (url !== pathToFileURL(process.argv[1] ?? '').href) return
  main().then(
    () => {
      if (options.exit) process.exit(0)
    },
    (err: unknown) => {
      console.error(err)
      if (options.exit) process.exit(1)
      process.exitCode = 1
    },
  )
}
