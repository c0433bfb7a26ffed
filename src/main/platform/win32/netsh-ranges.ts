import { execFileSync } from 'node:child_process'
import { PortwardenError } from '../../../shared/errors'
import type { DynamicPortRange, ReservedRange } from '../../../shared/inventory'
import {
  DYNAMIC_PORT_QUERIES,
  EXCLUDED_RANGE_QUERIES,
  NETSH,
  type NetshQuery,
} from './netsh-commands'
import { parseDynamicPort, parseExcludedPortRanges } from './netsh-parse'
import { decodeOem } from './oem-decode'

/** Runs netsh with `args` and returns its raw output plus the code page it was written in. */
export type NetshRunner = (args: readonly string[]) => { bytes: Uint8Array; codePage: number }

/**
 * The real runner: netsh.exe without a shell. Redirected, netsh writes in the OEM code page,
 * which `oemCodePage` (kernel32 GetOEMCP) names; the parsers read only numbers and `*`, so a
 * wrong guess costs little.
 */
export const netshExe =
  (oemCodePage: () => number): NetshRunner =>
  (args) => ({
    bytes: execFileSync(NETSH, [...args], { windowsHide: true, timeout: 10_000 }),
    codePage: oemCodePage(),
  })

const text = (run: NetshRunner, q: NetshQuery) => {
  const { bytes, codePage } = run(q.args)
  return decodeOem(bytes, codePage)
}
const origin = (q: NetshQuery) => `netsh ${q.args.join(' ')}`

/** Any failure to run or read netsh as one error that says which listing failed. */
function listing<T>(what: string, read: () => T): T {
  try {
    return read()
  } catch (err) {
    if (err instanceof PortwardenError) throw err
    throw new PortwardenError('internal', `Could not read the ${what} from netsh.`, String(err))
  }
}

/** The active excluded port ranges of both families and protocols, each distinct range once. */
export const excludedRanges = (run: NetshRunner): ReservedRange[] =>
  listing('excluded port ranges', () => {
    const seen = new Map<string, ReservedRange>()
    for (const q of EXCLUDED_RANGE_QUERIES) {
      if (q.kind !== 'excludedportrange' || q.store !== 'active') continue
      for (const r of parseExcludedPortRanges(text(run, q), q.protocol, q.family).ranges) {
        const key = `${r.protocol} ${r.startPort} ${r.endPort} ${r.administered}`
        if (seen.has(key)) continue
        const { protocol, startPort, endPort, administered } = r
        seen.set(key, {
          protocols: [protocol],
          startPort,
          endPort,
          administered,
          origin: origin(q),
        })
      }
    }
    return [...seen.values()]
  })

/** The dynamic ranges of both families and protocols, each distinct range once. */
export const dynamicRanges = (run: NetshRunner): DynamicPortRange[] =>
  listing('dynamic port ranges', () => {
    const seen = new Map<string, DynamicPortRange>()
    for (const q of DYNAMIC_PORT_QUERIES) {
      const r = parseDynamicPort(text(run, q), q.protocol, q.family)
      const endPort = r.startPort + r.count - 1
      const key = `${r.protocol} ${r.startPort} ${endPort}`
      if (seen.has(key)) continue
      seen.set(key, { protocols: [r.protocol], startPort: r.startPort, endPort, origin: origin(q) })
    }
    return [...seen.values()]
  })
