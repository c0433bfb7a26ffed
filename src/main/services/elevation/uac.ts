import { noElevation, type ElevationRunner, type RunResult } from './runner'

/**
 * Windows: the helper through UAC, as VS Code's "Retry as Admin" does (@vscode/sudo-prompt starts
 * it with PowerShell's `Start-Process -Verb RunAs` and collects its output). The command line is
 * cmd.exe syntax: the program path quoted, every argument a plain word (helperArgs() makes only
 * digits, '-', ':' and fixed words), so nothing needs escaping — anything else is refused.
 */
export function uacCommandLine(program: readonly string[], args: readonly string[]): string {
  if (!program.length) throw new Error('No helper program')
  for (const part of program) {
    if (!part || /["%^&|<>\r\n]/.test(part)) throw new Error('Unusable helper program path')
  }
  for (const word of args) {
    if (!/^[A-Za-z0-9:-]+$/.test(word)) {
      throw new Error(
        `Refusing a helper argument that is not a plain word: ${JSON.stringify(word)}`,
      )
    }
  }
  return [...program.map((p) => `"${p}"`), ...args].join(' ')
}

type SudoExec = (
  command: string,
  options: { name: string },
  callback: (error?: Error, stdout?: string | Buffer, stderr?: string | Buffer) => void,
) => void

/** Runs the helper elevated through UAC; `sudo` is @vscode/sudo-prompt's exec (tests pass a fake). */
export function uacRunner(program: readonly string[], sudo?: SudoExec): ElevationRunner {
  if (process.platform !== 'win32' && !sudo) return noElevation('UAC exists on Windows only')
  return {
    method: 'uac',
    async run(args) {
      const command = uacCommandLine(program, args)
      const exec: SudoExec =
        sudo ?? ((await import('@vscode/sudo-prompt')) as unknown as { exec: SudoExec }).exec
      return new Promise<RunResult>((resolve) => {
        exec(command, { name: 'Portwarden' }, (error, stdout, stderr) => {
          const text = (v?: string | Buffer) => (v === undefined ? '' : String(v))
          if (!error) return resolve({ code: 0, stdout: text(stdout), stderr: text(stderr) })
          const refused = /did not grant permission/i.test(error.message)
          const code = Number((error as { code?: unknown }).code)
          resolve({
            code: Number.isInteger(code) && code > 0 ? code : 1,
            stdout: text(stdout),
            stderr: text(stderr) || error.message,
            refused,
          })
        })
      })
    },
  }
}
