/** Why changing reserved ranges is unavailable, and how to get there, for the OS at hand. */
export function elevationNote(platform: string | undefined): { reason: string; how: string } {
  return platform === 'win32'
    ? {
        reason: 'Changing excluded port ranges needs an elevated administrator.',
        how: 'Run Portwarden as administrator (right-click it, then “Run as administrator”).',
      }
    : {
        reason: 'Changing net.ipv4.ip_local_reserved_ports needs root.',
        how: 'Run Portwarden with sudo (for example: sudo -E npm start), then come back here.',
      }
}

/** The file a persistent change is written to (Linux), named so the user knows what changes. */
export const PERSIST_FILE = '/etc/sysctl.d/60-portwarden-reserved-ports.conf'
