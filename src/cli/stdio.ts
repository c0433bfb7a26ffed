/**
 * What the CLI does when the reader of its output goes away (`portwarden sockets | head`): stop
 * writing and exit quietly with the status a program killed by SIGPIPE has (128 + 13), as `ss`
 * and `git` do — never a stack trace. A `reserve` keeps holding its block instead: losing a
 * reservation because a pipe closed would be worse than losing its log lines.
 */
export const SIGPIPE_STATUS = 141

let keepRunningWhenOutputCloses = false
let outputClosed = false

/** Called by commands that hold something (reserve): a closed stdout no longer ends them. */
export function keepRunningOnClosedOutput(): void {
  keepRunningWhenOutputCloses = true
}

export const isOutputClosed = (): boolean => outputClosed

export function installPipeHandlers(): void {
  const onError = (stream: NodeJS.WriteStream) => (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err
    if (stream === process.stdout) outputClosed = true
    if (stream === process.stdout && !keepRunningWhenOutputCloses) process.exit(SIGPIPE_STATUS)
  }
  process.stdout.on('error', onError(process.stdout))
  process.stderr.on('error', onError(process.stderr))
}

/** Writes to stdout unless its reader is gone. */
export function out(text: string): void {
  if (!outputClosed) process.stdout.write(text.endsWith('\n') ? text : `${text}\n`)
}

/** Writes a line to stderr. */
export function err(text: string): void {
  process.stderr.write(text.endsWith('\n') ? text : `${text}\n`)
}

export const printJson = (value: unknown): void => out(JSON.stringify(value, null, 2))
