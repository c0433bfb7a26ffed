import { readFileSync } from 'node:fs'

const CAP_NET_BIND_SERVICE = 10n

/** Whether this process may bind privileged ports: root, or CAP_NET_BIND_SERVICE in CapEff. */
export function canBindPrivilegedPorts(status = '/proc/self/status'): boolean {
  try {
    const m = /^CapEff:\s*([0-9a-f]+)$/m.exec(readFileSync(status, 'utf8'))
    return m
      ? ((BigInt(`0x${m[1]}`) >> CAP_NET_BIND_SERVICE) & 1n) === 1n
      : process.getuid?.() === 0
  } catch {
    return process.getuid?.() === 0
  }
}
