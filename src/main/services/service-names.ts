import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Protocol } from '../../shared/model'
import { ServiceNamesRequest, type ServiceNames } from '../../shared/process-actions'
import { parseInput } from '../../shared/validate'

/** The OS's own list: the names users know ("http", not IANA's "www-http"). */
const servicesFile = () =>
  process.platform === 'win32'
    ? join(process.env['SystemRoot'] ?? 'C:\\Windows', 'System32', 'drivers', 'etc', 'services')
    : '/etc/services'

/** "name  port/proto  aliases  # comment" lines as a map from "port/proto" to name. */
export function parseServicesFile(text: string): Map<string, string> {
  const names = new Map<string, string>()
  for (const line of text.split('\n')) {
    const m = /^([A-Za-z0-9][\w.+-]*)\s+(\d{1,5})\/(tcp|udp)\b/.exec(line)
    if (m && !names.has(`${m[2]}/${m[3]}`)) names.set(`${m[2]}/${m[3]}`, m[1]!)
  }
  return names
}

let local: Map<string, string> | undefined
let iana: ((port: number, protocol: Protocol) => string | undefined) | undefined

/**
 * Service names of well-known ports: the OS's services file first, then IANA's registry for the
 * ports it does not list. Both are read once, the registry only when first needed.
 */
export async function serviceNames(input: ServiceNamesRequest): Promise<ServiceNames> {
  const { protocol, ports } = parseInput(ServiceNamesRequest, input)
  if (!local) {
    try {
      local = parseServicesFile(readFileSync(servicesFile(), 'utf8'))
    } catch {
      local = new Map() // a minimal container without /etc/services: IANA's list still answers
    }
  }
  const out: ServiceNames = {}
  for (const port of ports) {
    let name = local.get(`${port}/${protocol}`)
    if (!name) {
      iana ??= (await import('./iana-services')).ianaServiceName
      name = iana(port, protocol)
    }
    if (name) out[String(port)] = name
  }
  return out
}
