/**
 * The command a user can run in a terminal when Portwarden cannot ask for administrator rights
 * itself. Free of zod, so the page can show it as the user types; main builds the same text from
 * a request its schema parsed first (elevation.ts).
 */
export type TerminalRequest =
  | {
      action: 'reserved-add' | 'reserved-remove'
      startPort: number
      count: number
      persist?: boolean
      protocol?: 'tcp' | 'udp'
    }
  | { action: 'kill'; pid: number; force?: boolean }

export function terminalCommandText(r: TerminalRequest, platform: string): string {
  const windows = platform === 'win32'
  if (r.action === 'kill') {
    if (windows) return `taskkill /PID ${r.pid} /F`
    return `sudo kill -${r.force ? 'KILL' : 'TERM'} ${r.pid}`
  }
  const range = r.count === 1 ? String(r.startPort) : `${r.startPort}-${r.startPort + r.count - 1}`
  const words = [
    'npx',
    'portwarden',
    'reserved',
    r.action === 'reserved-add' ? 'add' : 'remove',
    range,
    ...(r.persist ? ['--persist'] : []),
    ...(windows && r.protocol ? ['--protocol', r.protocol] : []),
    '--yes',
  ]
  return windows
    ? `${words.join(' ')}    # in a terminal opened as administrator`
    : `sudo ${words.join(' ')}`
}
