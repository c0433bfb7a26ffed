import koffi from 'koffi'
import { PortwardenError } from '../../../shared/errors'
import type { ReservedRange } from '../../../shared/inventory'
import type { Protocol, ReserveRequest } from '../../../shared/model'
import type { PortSpan } from '../../../shared/ranges'
import type { AcquiredBlock, PortBackend } from '../backend'
import { cached } from '../cached'
import { win32Processes } from './actions'
import { bindIphlpapi } from './iphlpapi'
import { bindKernel32 } from './kernel32'
import { dynamicRanges, excludedRanges, netshExe } from './netsh-ranges'
import { listSocketOwners, type SocketOwnerRow } from './owners'
import { persistentReservations, type PersistentReservations } from './persistent'
import { persistentFromRanges } from './persistent-list'
import { acquireReservation, associateProbe, releaseReservation } from './runtime'
import { listSockets } from './sockets'
import { bindWs2_32 } from './ws2_32'

export interface Win32BackendOptions {
  /** Path or name of Winsock; tests point it at a stand-in DLL. */
  ws2_32?: string
  /** Path or name of the IP Helper API; tests point it at a stand-in DLL. */
  iphlpapi?: string
  /** Overrides the elevation check (tests, or a caller that already knows). */
  isPrivileged?: () => boolean
}

/** PortBackend plus what only Windows offers. */
export interface Win32Backend extends PortBackend {
  /** The port a socket bound through this runtime reservation would get next. */
  associateProbe(token: bigint, protocol: Protocol): number
  /** Reservations Windows keeps across reboots (create/delete need an elevated administrator). */
  readonly persistent: PersistentReservations
  /** TCP and UDP sockets of every process, IPv4 and IPv6, with the owning pid. */
  socketOwners(): SocketOwnerRow[]
}

/**
 * shell32's IsUserAnAdmin: true only in an elevated process (UAC token), which is what the
 * persistent-reservation calls require. Any failure to ask counts as not elevated.
 * https://learn.microsoft.com/windows/win32/api/shlobj_core/nf-shlobj_core-isuseranadmin
 */
function isElevated(): boolean {
  try {
    const isUserAnAdmin = koffi.load('shell32.dll').func('int IsUserAnAdmin()') as () => number
    return isUserAnAdmin() !== 0
  } catch {
    return false
  }
}

/**
 * Windows: each block is a runtime reservation from the OS port pool
 * (SIO_ACQUIRE_PORT_RESERVATION), held by a socket of its own for as long as it lives. Nothing
 * is loaded until the first call, so this can be constructed on any OS.
 */
const RANGES_TTL_MS = 10_000

const administered = (ranges: readonly ReservedRange[], protocol: Protocol): PortSpan[] =>
  ranges
    .filter((r) => r.administered && r.protocols.includes(protocol))
    .map((r) => ({ startPort: r.startPort, count: r.endPort - r.startPort + 1 }))

export function createWin32Backend(options: Win32BackendOptions = {}): Win32Backend {
  const ws = bindWs2_32(options.ws2_32)
  const ip = bindIphlpapi(options.iphlpapi)
  const k32 = bindKernel32()
  const netsh = netshExe(() => k32.GetOEMCP())
  const persistent = persistentReservations(ip)
  // netsh runs several times per reading: read ranges at most every 10 s (they rarely change).
  const excluded = cached(() => excludedRanges(netsh), RANGES_TTL_MS)
  const dynamic = cached(() => dynamicRanges(netsh), RANGES_TTL_MS)
  let elevated: boolean | undefined
  return {
    id: 'win32-port-pool',
    // An excluded range refuses every bind (WSAEACCES), not only automatic assignment.
    reservedRangesBlockBinds: true,
    associateProbeAvailable: true,
    isPrivileged: options.isPrivileged ?? (() => (elevated ??= isElevated())),
    acquireBlock(req: ReserveRequest): AcquiredBlock {
      const held = acquireReservation(ws, req)
      let open = true
      return {
        token: held.token,
        protocol: held.protocol,
        startPort: held.startPort,
        count: held.count,
        associateProbe: () => associateProbe(ws, held.token, held.protocol),
        release() {
          if (!open) return
          open = false
          // Closing the socket frees the reservation even if the IOCTL fails, so close regardless.
          try {
            releaseReservation(ws, held.socket, held.token)
          } finally {
            ws.closesocket(held.socket)
          }
        },
      }
    },
    listSockets: () => listSockets(ip, k32),
    // Until the Windows helper's SO_EXCLUSIVEADDRUSE probe lands (issue 11, point 6).
    probeBind: () => {
      throw new PortwardenError('not-supported', 'Test binds are not implemented on Windows yet.')
    },
    reservedRanges: excluded,
    dynamicRanges: dynamic,
    // Windows has no privileged ports: any user may bind any port outside the excluded ranges.
    privilegedPorts: () => ({ below: 0, canBind: true }),
    associateProbe: (token, protocol) => associateProbe(ws, token, protocol),
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
