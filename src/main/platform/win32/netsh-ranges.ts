import { execFile, execFileSync } from 'node:child_process'
import { win32 } from 'node:path'
import { PortwardenError } from '../../../shared/errors'
import type { DynamicPortRange, ReservedRange } from '../../../shared/inventory'
import { DYNAMIC_PORT_QUERIES, EXCLUDED_RANGE_QUERIES, type NetshQuery } from './netsh-commands'
import { parseDynamicPort, parseExcludedPortRanges } from './netsh-parse'
import { decodeOem } from './oem-decode'

/** What netsh printed and the code page it was written in. */
export interface NetshOutput {
  bytes: Uint8Array
  codePage: number
}
/** Runs netsh with `args`, blocking; for callers that cannot wait (the sync backend API). */
export type NetshRunner = (args: readonly string[]) => NetshOutput
/** Runs netsh with `args` without blocking the event loop. */
export type AsyncNetshRunner = (args: readonly string[]) => Promise<NetshOutput>

/** The ranges netsh lists, and every line or listing Portwarden could not read. */
export interface RangeReading {
  excluded: ReservedRange[]
  dynamic: DynamicPortRange[]
  /** "netsh interface ipv6 show excludedportrange protocol=udp, line 7: …": shown, not hidden. */
  warnings: string[]
}

/**
 * netsh.exe in the system directory, never a bare "netsh.exe": libuv (Node's spawn) looks in
 * the current directory before PATH (libuv src/win/process.c, search_path), so an elevated
 * Portwarden started in a folder holding a netsh.exe would run that file.
 */
export const netshPath = (systemDirectory: string): string =>
  win32.join(systemDirectory, 'netsh.exe')

const NETSH_OPTIONS = { windowsHide: true, timeout: 10_000, maxBuffer: 4 * 1024 * 1024 }

/**
 * The blocking runner. Redirected, netsh writes in the OEM code page, which `oemCodePage`
 * (kernel32 GetOEMCP) names; the parsers read only numbers and `*`, so a wrong guess costs little.
 */
export const netshExe =
  (exe: () => string, oemCodePage: () => number): NetshRunner =>
  (args) => {
    try {
      return { bytes: execFileSync(exe(), [...args], NETSH_OPTIONS), codePage: oemCodePage() }
    } catch (err) {
      throw netshFailed(args, err, oemCodePage)
    }
  }

/** The runner that does not block: child_process.execFile on the absolute path. */
export const netshExeAsync =
  (exe: () => string, oemCodePage: () => number): AsyncNetshRunner =>
  (args) =>
    new Promise((resolve, reject) => {
      execFile(exe(), [...args], { ...NETSH_OPTIONS, encoding: 'buffer' }, (err, stdout) => {
        if (err) reject(netshFailed(args, Object.assign(err, { stdout }), oemCodePage))
        else resolve({ bytes: stdout, codePage: oemCodePage() })
      })
    })

/** netsh writes its own error messages to stdout and exits 1: keep them in the detail. */
function netshFailed(args: readonly string[], err: unknown, oemCodePage: () => number): Error {
  const stdout = (err as { stdout?: unknown }).stdout
  const said =
    stdout instanceof Uint8Array && stdout.length > 0
      ? `; it printed ${JSON.stringify(decodeOem(stdout, oemCodePage()).trim().slice(0, 200))}`
      : ''
  return new Error(`netsh ${args.join(' ')} failed: ${String(err)}${said}`)
}

const origin = (q: NetshQuery) => `netsh ${q.args.join(' ')}`
const textOf = (out: NetshOutput) => decodeOem(out.bytes, out.codePage)

/** One excluded-range listing read: its rows, or an error when it is not a listing at all. */
function readExcluded(q: NetshQuery, text: string, warnings: string[]): ReservedRange[] {
  const parsed = parseExcludedPortRanges(text, q.protocol, q.family)
  const whole = parsed.warnings.find((w) => w.lineNumber === undefined)
  // An error message (netsh exits 0 for some of them) or no output at all is not "no ranges".
  if (text.trim() === '' || whole) {
    const said = text.trim() === '' ? 'nothing' : JSON.stringify(text.trim().slice(0, 200))
    throw new PortwardenError(
      'internal',
      `netsh did not list the excluded port ranges (it printed ${said}), so Portwarden cannot ` +
        'tell which ports Windows excludes.',
      origin(q),
    )
  }
  for (const w of parsed.warnings) {
    warnings.push(`${origin(q)}, line ${w.lineNumber}: ${w.reason}: ${JSON.stringify(w.line)}`)
  }
  return parsed.ranges.map(({ protocol, startPort, endPort, administered }) => ({
    protocols: [protocol],
    startPort,
    endPort,
    administered,
    origin: origin(q),
  }))
}

function distinctExcluded(lists: ReservedRange[][]): ReservedRange[] {
  const seen = new Map<string, ReservedRange>()
  for (const r of lists.flat()) {
    const key = `${r.protocols.join()} ${r.startPort} ${r.endPort} ${r.administered}`
    if (!seen.has(key)) seen.set(key, r)
  }
  return [...seen.values()]
}

function readDynamic(q: NetshQuery, text: string): DynamicPortRange {
  const r = parseDynamicPort(text, q.protocol, q.family)
  return {
    protocols: [r.protocol],
    startPort: r.startPort,
    endPort: r.startPort + r.count - 1,
    origin: origin(q),
  }
}

function distinctDynamic(all: DynamicPortRange[]): DynamicPortRange[] {
  const seen = new Map<string, DynamicPortRange>()
  for (const r of all) {
    const key = `${r.protocols.join()} ${r.startPort} ${r.endPort}`
    if (!seen.has(key)) seen.set(key, r)
  }
  return [...seen.values()]
}

/** Any failure to run or read netsh as one error that says which listing failed. */
function listing<T>(what: string, read: () => T): T {
  try {
    return read()
  } catch (err) {
    throw asListingError(what, err)
  }
}
function asListingError(what: string, err: unknown): PortwardenError {
  if (err instanceof PortwardenError) return err
  return new PortwardenError('internal', `Could not read the ${what} from netsh.`, String(err))
}

/** The active excluded ranges of both families and protocols, each distinct range once. */
export function excludedRanges(run: NetshRunner, warnings: string[] = []): ReservedRange[] {
  return listing('excluded port ranges', () =>
    distinctExcluded(
      EXCLUDED_RANGE_QUERIES.map((q) => readExcluded(q, textOf(run(q.args)), warnings)),
    ),
  )
}

/** The dynamic ranges of both families and protocols, each distinct range once. */
export function dynamicRanges(run: NetshRunner): DynamicPortRange[] {
  return listing('dynamic port ranges', () =>
    distinctDynamic(DYNAMIC_PORT_QUERIES.map((q) => readDynamic(q, textOf(run(q.args))))),
  )
}

/** The texts of `queries`, run at once; a failure names the listing. */
async function textsOf(run: AsyncNetshRunner, queries: readonly NetshQuery[], what: string) {
  try {
    return await Promise.all(queries.map(async (q) => [q, textOf(await run(q.args))] as const))
  } catch (err) {
    throw asListingError(what, err)
  }
}

/** excludedRanges without blocking: the four netsh runs at once. */
export async function excludedRangesAsync(
  run: AsyncNetshRunner,
  warnings: string[] = [],
): Promise<ReservedRange[]> {
  const what = 'excluded port ranges'
  const texts = await textsOf(run, EXCLUDED_RANGE_QUERIES, what)
  return listing(what, () =>
    distinctExcluded(texts.map(([q, text]) => readExcluded(q, text, warnings))),
  )
}

/** dynamicRanges without blocking: the four netsh runs at once. */
export async function dynamicRangesAsync(run: AsyncNetshRunner): Promise<DynamicPortRange[]> {
  const what = 'dynamic port ranges'
  const texts = await textsOf(run, DYNAMIC_PORT_QUERIES, what)
  return listing(what, () => distinctDynamic(texts.map(([q, text]) => readDynamic(q, text))))
}

/** Both listings, all eight netsh runs at once, without blocking the caller's thread. */
export async function readRanges(run: AsyncNetshRunner): Promise<RangeReading> {
  const warnings: string[] = []
  const [excluded, dynamic] = await Promise.all([
    excludedRangesAsync(run, warnings),
    dynamicRangesAsync(run),
  ])
  return { excluded, dynamic, warnings }
}
