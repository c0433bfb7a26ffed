import type { IpFamily } from './netsh-types'
import type { Protocol } from '../../../shared/model'

/**
 * The netsh invocations behind the excluded-range and dynamic-range views, as argument lists
 * for `execFile(NETSH, args)`: no shell, so nothing here is ever quoted or interpolated into a
 * command line. Running them (and learning the console code page to decode the output) is the
 * runner's job.
 */

/** netsh lives in System32 on every supported Windows; a runner may resolve a full path. */
export const NETSH = 'netsh.exe'

/**
 * Which exclusion store to list. 'active' is what the stack enforces now (including WinNAT's
 * boot-time blocks); 'persistent' is what survives a reboot (the administered ones). Without a
 * store netsh lists the active set.
 */
export type ExclusionStore = 'active' | 'persistent'

export const IP_FAMILIES: readonly IpFamily[] = ['ipv4', 'ipv6']
export const PROTOCOLS: readonly Protocol[] = ['tcp', 'udp']
export const EXCLUSION_STORES: readonly ExclusionStore[] = ['active', 'persistent']

/** `netsh interface ipv4 show excludedportrange protocol=tcp [store=active]` */
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
export type NetshQuery =
  | {
      kind: 'excludedportrange'
      family: IpFamily
      protocol: Protocol
      store: ExclusionStore
      args: readonly string[]
    }
  | {
      kind: 'dynamicport'
      family: IpFamily
      protocol: Protocol
      args: readonly string[]
    }

/** Every excluded-range listing: ipv4/ipv6 × tcp/udp × active/persistent (8 queries). */
export const EXCLUDED_RANGE_QUERIES: readonly NetshQuery[] = IP_FAMILIES.flatMap((family) =>
  PROTOCOLS.flatMap((protocol) =>
    EXCLUSION_STORES.map((store) => ({
      kind: 'excludedportrange' as const,
      family,
      protocol,
      store,
      args: excludedPortRangeArgs(family, protocol, store),
    })),
  ),
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
