import type { BindProbe, BindProbeResult } from '../../../shared/bind-probe'
import type { DynamicPortRange, ReservedRange } from '../../../shared/inventory'
import type { Protocol, ReserveRequest } from '../../../shared/model'
import type { PortSpan } from '../../../shared/ranges'
import type { AcquiredBlock, PortBackend } from '../backend'
import { WINDOWS_LISTING_CAVEATS } from './caveats'
import { isElevatedAdministrator } from './elevation'
import { guestPortReservations, type GuestReservations } from './hcn'
import { win32Processes } from './actions'
import { bindIphlpapi } from './iphlpapi'
import { bindKernel32, systemDirectory } from './kernel32'
import {
  dynamicRanges,
  dynamicRangesAsync,
  excludedRanges,
  excludedRangesAsync,
  netshExe,
  netshExeAsync,
  netshPath,
  type RangeReading,
} from './netsh-ranges'
import { readOsVersion, requireRuntimeReservations } from './os-version'
import { labelOwnRanges, type HeldBlock } from './own-ranges'
import { listSocketOwners, type SocketOwnerRow } from './owners'
import { persistentReservations, type PersistentReservations } from './persistent'
import { persistentFromRanges } from './persistent-list'
import { ProcessNameCache, type ProcessNameStats } from './process-names'
import { probeBind } from './probe-bind'
import { refreshing } from './refreshing'
import { acquireReservation, associateProbe, releaseReservation } from './runtime'
import { listSockets } from './sockets'
import { bindWs2_32 } from './ws2_32'

export interface Win32BackendOptions {
  /** Path or name of Winsock; tests point it at a stand-in DLL. */
  ws2_32?: string
  /** Path or name of the IP Helper API; tests point it at a stand-in DLL. */
  iphlpapi?: string
  /** Path or name of the Host Compute Network API (computenetwork.dll). */
  computenetwork?: string
  /** Overrides the elevation check (tests, or a caller that already knows). */
  isPrivileged?: () => boolean
  /** Overrides the Windows build number (tests of the build gate). */
  osBuild?: () => number
}

/** PortBackend plus what only Windows offers. */
export interface Win32Backend extends PortBackend {
  /** The port a socket bound through this runtime reservation would get next. */
  associateProbe(token: bigint, protocol: Protocol): number
  /** Reservations Windows keeps across reboots (create/delete need an elevated administrator). */
  readonly persistent: PersistentReservations
  /** TCP and UDP sockets of every process, IPv4 and IPv6, with the owning pid. */
  socketOwners(): SocketOwnerRow[]
  /** What the socket listing cannot show, for the Ports in use tab and the report. */
  readonly listingCaveats: readonly string[]
  /** Both range listings read without blocking (netsh run asynchronously, eight at once). */
  readRangesAsync(): Promise<RangeReading>
  /** netsh lines the last range reading could not use (empty when all were read). */
  rangeWarnings(): string[]
  /** WSL/Hyper-V guest port reservations from HNS, or why they cannot be listed here. */
  guestPortReservations(): GuestReservations
  /** The Windows build number (RtlGetVersion). */
  osBuild(): number
  /** What naming socket owners cost in the last listing (names decoded, processes dropped). */
  processNameStats(): ProcessNameStats
}

/** netsh runs eight times per reading: ranges are refreshed in the background every 10 s. */
const RANGES_TTL_MS = 10_000

const administered = (ranges: readonly ReservedRange[], protocol: Protocol): PortSpan[] =>
  ranges
    .filter((r) => r.administered && r.protocols.includes(protocol))
    .map((r) => ({ startPort: r.startPort, count: r.endPort - r.startPort + 1 }))

/** Any failure to ask counts as not elevated: the calls that need elevation then say so. */
function isElevated(): boolean {
  try {
    return isElevatedAdministrator()
  } catch {
    return false
  }
}

/**
 * Windows: each block is a runtime reservation from the OS port pool
 * (SIO_ACQUIRE_PORT_RESERVATION), held by a socket of its own for as long as it lives. Nothing
 * is loaded until the first call, so this can be constructed on any OS.
 */
export function createWin32Backend(options: Win32BackendOptions = {}): Win32Backend {
  const ws = bindWs2_32(options.ws2_32)
  const ip = bindIphlpapi(options.iphlpapi)
  const k32 = bindKernel32()
  // One cache for the backend's lifetime: the inventory worker keeps the backend between polls,
  // so each listing decodes only the names of processes started since the last.
  const processNames = new ProcessNameCache(k32)
  let netshExePath: string | undefined
  const exe = () => (netshExePath ??= netshPath(systemDirectory(k32)))
  const oem = () => k32.GetOEMCP()
  const netsh = netshExe(exe, oem)
  const netshAsync = netshExeAsync(exe, oem)
  const persistent = persistentReservations(ip)
  let warnings: string[] = []
  const withWarnings = <T>(read: (w: string[]) => T): T => {
    const w: string[] = []
    const out = read(w)
    warnings = w
    return out
  }
  const excluded = refreshing(
    () => withWarnings((w) => excludedRanges(netsh, w)),
    async () => {
      const w: string[] = []
      const out = await excludedRangesAsync(netshAsync, w)
      warnings = w
      return out
    },
    RANGES_TTL_MS,
  )
  const dynamic = refreshing<DynamicPortRange[]>(
    () => dynamicRanges(netsh),
    () => dynamicRangesAsync(netshAsync),
    RANGES_TTL_MS,
  )
  let build: number | undefined
  const osBuild = options.osBuild ?? (() => (build ??= readOsVersion().build))
  let elevated: boolean | undefined
  // Blocks this backend holds now, to label them when netsh lists them as exclusions.
  const held = new Map<bigint, HeldBlock>()
  return {
    id: 'win32-port-pool',
    // A system excluded range refuses every bind (WSAEACCES); administered ones (`*`) do not
    // stop an explicit bind — the verdict's test bind tells which (see fixes-windows.ts).
    reservedRangesBlockBinds: true,
    associateProbeAvailable: true,
    listingCaveats: WINDOWS_LISTING_CAVEATS,
    isPrivileged: options.isPrivileged ?? (() => (elevated ??= isElevated())),
    osBuild,
    acquireBlock(req: ReserveRequest): AcquiredBlock {
      requireRuntimeReservations(osBuild(), `reserve ${req.protocol.toUpperCase()} ports`)
      const block = acquireReservation(ws, req)
      const { token, protocol, startPort, count } = block
      held.set(token, { token: token.toString(), protocol, startPort, count })
      let open = true
      return {
        token,
        protocol,
        startPort,
        count,
        associateProbe: () => associateProbe(ws, token, protocol),
        release() {
          if (!open) return
          open = false
          held.delete(token)
          // Closing the socket frees the reservation even if the IOCTL fails, so close regardless.
          try {
            releaseReservation(ws, block.socket, token)
          } finally {
            ws.closesocket(block.socket)
          }
        },
      }
    },
    listSockets: () => listSockets(ip, processNames),
    processNameStats: () => processNames.stats,
    probeBind: (probe: BindProbe): BindProbeResult => probeBind(ws, probe),
    reservedRanges: () => labelOwnRanges(excluded(), [...held.values()]),
    dynamicRanges: dynamic,
    readRangesAsync: async () => {
      const [ex, dyn] = await Promise.all([excluded.refresh(), dynamic.refresh()])
      return { excluded: labelOwnRanges(ex, [...held.values()]), dynamic: dyn, warnings }
    },
    rangeWarnings: () => [...warnings],
    guestPortReservations: () => guestPortReservations(options.computenetwork),
    // Windows has no privileged ports: any user may bind any port outside the excluded ranges.
    privilegedPorts: () => ({ below: 0, canBind: true }),
    associateProbe: (token, protocol) => {
      requireRuntimeReservations(osBuild(), 'bind through a runtime reservation')
      return associateProbe(ws, token, protocol)
    },
    persistent,
    // Windows' administered ranges are its persistent reservations (always kept across reboots).
    reservedRangeEditor: {
      add(span, _persist, protocol = 'tcp') {
        persistent.create(protocol, span)
        excluded.invalidate()
        return administered(excluded(), protocol)
      },
      remove(span, _persist, protocol = 'tcp') {
        persistent.delete(protocol, span)
        excluded.invalidate()
        return administered(excluded(), protocol)
      },
    },
    persistentReservations: () => persistentFromRanges(excluded(), persistent.lookup),
    socketOwners: () => listSocketOwners(ip),
    processes: win32Processes(),
  }
}

export type { PersistentReservations } from './persistent'
export type { SocketOwnerRow } from './owners'
export type { ProcessNameStats } from './process-names'
export type { GuestReservations, GuestPortReservation } from './hcn'
export type { RangeReading } from './netsh-ranges'
