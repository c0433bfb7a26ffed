import type { IpFamily } from './netsh-types'
import type { Protocol } from '../../../shared/model'

/**
 * The netsh invocations behind the excluded-range and dynamic-range views, as argument lists
 * for `execFile(<System32>\netsh.exe, args)`: no shell, so nothing here is ever quoted or
 * interpolated into a command line. Running them (by absolute path, and learning the console
 * code page to decode the output) is the runner's job.
 */

/**
 * Which exclusion store to list. Without `store=` netsh lists the active set — what the stack
 * enforces now, WinNAT's boot-time blocks included — so Portwarden passes none; 'persistent'
 * lists only what survives a reboot.
 */
export type ExclusionStore = 'active' | 'persistent'

export const IP_FAMILIES: readonly IpFamily[] = ['ipv4', 'ipv6']
export const PROTOCOLS: readonly Protocol[] = ['tcp', 'udp']

/** `netsh interface ipv4 show excludedportrange protocol=tcp [store=persistent]` */
export function excludedPortRangeArgs(
  family: IpFamily,
  protocol: Protocol,
  store?: ExclusionStore,
): string[] {
  const args = ['interface', family, 'show', 'excludedportrange', `protocol=${protocol}`]
  return store === undefined ? args : [...args, `store=${store}`]
}

/** `netsh interface ipv4 show dynamicport tcp` */
export function dynamicPortArgs(family: IpFamily, protocol: Protocol): string[] {
  return ['interface', family, 'show', 'dynamicport', protocol]
}

/** One netsh query a runner can execute, with what its output should be parsed as. */
export interface NetshQuery {
  kind: 'excludedportrange' | 'dynamicport'
  family: IpFamily
  protocol: Protocol
  args: readonly string[]
}

/** Every active excluded-range listing: ipv4/ipv6 × tcp/udp (4 queries, default store). */
export const EXCLUDED_RANGE_QUERIES: readonly NetshQuery[] = IP_FAMILIES.flatMap((family) =>
  PROTOCOLS.map((protocol) => ({
    kind: 'excludedportrange' as const,
    family,
    protocol,
    args: excludedPortRangeArgs(family, protocol),
  })),
)

/** Every dynamic-range listing: ipv4/ipv6 × tcp/udp (4 queries). */
export const DYNAMIC_PORT_QUERIES: readonly NetshQuery[] = IP_FAMILIES.flatMap((family) =>
  PROTOCOLS.map((protocol) => ({
    kind: 'dynamicport' as const,
    family,
    protocol,
    args: dynamicPortArgs(family, protocol),
  })),
)
