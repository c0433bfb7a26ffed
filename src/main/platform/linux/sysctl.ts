import { readFileSync } from 'node:fs'
import type { PortSpan } from '../../../shared/ranges'

const PROC_IPV4 = '/proc/sys/net/ipv4'

/** Reads one sysctl under /proc/sys/net/ipv4 (per network namespace). */
export function readIpv4Sysctl(name: string, root = PROC_IPV4): string {
  return readFileSync(`${root}/${name}`, 'utf8').trim()
}

/** `net.ipv4.ip_local_port_range`: "32768\t60999" → the dynamic (ephemeral) range. */
export function parsePortRange(text: string): { low: number; high: number } {
  const m = /^\s*(\d+)\s+(\d+)\s*$/.exec(text)
  if (!m) throw new Error(`Unexpected ip_local_port_range: ${JSON.stringify(text)}`)
  return { low: Number(m[1]), high: Number(m[2]) }
}

/** `net.ipv4.ip_local_reserved_ports`: "8080,9000-9010" (or empty) → spans in order. */
export function parseReservedPorts(text: string): PortSpan[] {
  const trimmed = text.trim()
  if (trimmed === '') return []
  return trimmed.split(',').map((part) => {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim())
    if (!m) throw new Error(`Unexpected ip_local_reserved_ports entry: ${JSON.stringify(part)}`)
    const start = Number(m[1])
    const end = m[2] === undefined ? start : Number(m[2])
    return { startPort: start, count: end - start + 1 }
  })
}

export const dynamicPortRange = () => parsePortRange(readIpv4Sysctl('ip_local_port_range'))
export const reservedPorts = () => parseReservedPorts(readIpv4Sysctl('ip_local_reserved_ports'))

/** Lowest port an unprivileged process may bind (`ip_unprivileged_port_start`, 1024 by default). */
export function unprivilegedPortStart(): number {
  try {
    return Number(readIpv4Sysctl('ip_unprivileged_port_start'))
  } catch {
    return 1024 // kernels before 4.11 have no such sysctl: the classic rule applies
  }
}
