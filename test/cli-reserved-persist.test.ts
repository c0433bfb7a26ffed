import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { BIN } from './support/cli-holder'
import { canUseNetns } from './support/netns'

/**
 * The CLI's `reserved` as root in a private network namespace (its own ip_local_reserved_ports)
 * and a private mount namespace whose /etc/sysctl.d is an empty tmpfs: the host's list and its
 * sysctl.d are never touched. Each step prints its exit code, output, the live list and the file.
 */
const script = `
set -u
mount -t tmpfs portwarden-sysctl /etc/sysctl.d
FILE=/etc/sysctl.d/60-portwarden-reserved-ports.conf
step() {
  out=$(node "${BIN}" "$@" 2>&1 </dev/null); code=$?
  printf '%s\\n' "=== $code $*" "$out" "--- live: $(cat /proc/sys/net/ipv4/ip_local_reserved_ports)"
  if [ -e $FILE ]; then printf '%s\\n' "--- file:" "$(cat $FILE)"; else echo "--- no file"; fi
}
echo 5000,6000-6009 > /proc/sys/net/ipv4/ip_local_reserved_ports
step reserved add 8000-8010 --persist
step reserved add 8000-8010 --persist --yes
step reserved add 40000-40001
step reserved remove 8000-8010
step reserved remove 8000-8010 --persist --yes
`

describe.skipIf(!canUseNetns)(
  'portwarden reserved: confirmation and the persisted set (private network + mount namespaces)',
  () => {
    it('asks or needs --yes; --persist writes only its own set; a live-only remove says it returns at boot; an empty set removes the file', async () => {
      const host = readFileSync('/proc/sys/net/ipv4/ip_local_reserved_ports', 'utf8')
      const { stdout } = await promisify(execFile)('unshare', [
        '--net',
        '--mount',
        '--propagation',
        'private',
        'sh',
        '-c',
        script,
      ])
      const steps = stdout.split('=== ').slice(1)
      expect(steps).toHaveLength(5)
      const [noYes, persisted, dynamic, liveOnly, gone] = steps as [
        string,
        string,
        string,
        string,
        string,
      ]
      // Persisting without a terminal to ask on: refused, nothing changed.
      expect(noYes).toMatch(/^2 reserved add 8000-8010 --persist\n/)
      expect(noYes).toContain('Not asking without a terminal: pass --yes')
      expect(noYes).toContain('--- live: 5000,6000-6009\n--- no file')
      // With --yes: live list keeps the other tool's ranges; the file holds Portwarden's own only.
      expect(persisted).toMatch(/^0 /)
      expect(persisted).toContain('--- live: 5000,6000-6009,8000-8010')
      expect(persisted).toContain('--- file:\n# Written by Portwarden')
      expect(persisted).toContain('net.ipv4.ip_local_reserved_ports = 8000-8010\n')
      expect(persisted).not.toMatch(/= .*5000/)
      // Inside the dynamic range: asked about too.
      expect(dynamic).toMatch(/^2 /)
      expect(dynamic).toContain('overlaps the dynamic range')
      // Removed now, still persisted: it says so, with the command that removes it there too.
      expect(liveOnly).toMatch(/^0 /)
      expect(liveOnly).toContain(
        "Ports 8000-8010 are still in Portwarden's persisted set: they come back at the next boot.",
      )
      expect(liveOnly).toContain('portwarden reserved remove 8000-8010 --persist')
      expect(liveOnly).toContain('--- live: 5000,6000-6009\n--- file:')
      // And then from the set: empty, so no file at all.
      expect(gone).toMatch(/^0 /)
      expect(gone).toContain('--- live: 5000,6000-6009\n--- no file')
      expect(readFileSync('/proc/sys/net/ipv4/ip_local_reserved_ports', 'utf8')).toBe(host)
    }, 60_000)
  },
)
