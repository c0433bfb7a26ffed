import type { AppInfo } from '../../../../shared/model'

/**
 * Why a reserved-range change needs more than this app has, and what happens instead: the app
 * never runs as root — it asks for an administrator through its elevated helper (polkit on Linux,
 * UAC on Windows), or, where it cannot ask, shows the exact command to run in a terminal.
 * Undefined when the app is privileged already.
 */
export function elevationNote(
  info: AppInfo | undefined,
): { reason: string; how: string; canAsk: boolean } | undefined {
  if (!info || info.privileged) return undefined
  const windows = info.platform === 'win32'
  const reason = windows
    ? 'Changing excluded port ranges needs an administrator.'
    : 'Changing net.ipv4.ip_local_reserved_ports needs root.'
  const method = info.elevation?.method ?? 'none'
  if (method === 'pkexec')
    return {
      reason,
      how: 'Portwarden asks for an administrator’s password (polkit) and makes just this change through its small helper.',
      canAsk: true,
    }
  if (method === 'uac')
    return {
      reason,
      how: 'Windows asks for an administrator’s approval (UAC) and Portwarden’s small helper makes just this change.',
      canAsk: true,
    }
  const why = info.elevation?.reason ? ` (${info.elevation.reason})` : ''
  return {
    reason,
    how: `Portwarden cannot ask for it here${why}: run the command below in a terminal.`,
    canAsk: false,
  }
}

/** The file a persistent change is written to (Linux), named so the user knows what changes. */
export const PERSIST_FILE = '/etc/sysctl.d/60-portwarden-reserved-ports.conf'
