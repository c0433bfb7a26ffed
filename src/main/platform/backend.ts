import type { BindProbe, BindProbeResult } from '../../shared/bind-probe'
import type { DynamicPortRange, ReservedRange } from '../../shared/inventory'
import type { Protocol, ReserveRequest } from '../../shared/model'
import type { PortSpan } from '../../shared/ranges'
import type { PersistentReservation } from '../../shared/report'
import type { ProcessIdentity } from '../../shared/process-identity'
import type { SocketEntry, SocketListing, SocketOwner } from '../../shared/sockets'
import type { ProcessBackend } from './process-backend'

/** A block of ports the backend holds until release() is called. */
export interface AcquiredBlock {
  /** Opaque non-zero 64-bit token: the OS's on Windows, the backend's own on Linux. */
  readonly token: bigint
  readonly protocol: Protocol
  readonly startPort: number
  readonly count: number
  /** Gives the ports back. Idempotent: a second call does nothing. */
  release(): void
  /**
   * Windows: associates a fresh socket with the reservation, binds it to port 0 and returns the
   * port the pool handed out — the proof that the reservation works. Absent elsewhere.
   */
  associateProbe?(): number
}

/**
 * What a platform offers Portwarden. One implementation per OS, chosen at start
 * (src/main/platform/index.ts); services talk only to this interface.
 */
export interface PortBackend {
  /** Short name shown to the user, e.g. "linux-sockets" or "win32-port-pool". */
  readonly id: string
  /** Root on Linux, an elevated administrator on Windows. */
  isPrivileged(): boolean
  /**
   * Acquires a block: a specific one (startPort > 0) or any free one (startPort 0).
   * Throws PortwardenError with a specific kind; on failure nothing stays held.
   */
  acquireBlock(request: ReserveRequest): AcquiredBlock
  /** Every TCP and UDP socket with its owners, and which source was used. */
  listSockets(): SocketListing
  /** Ranges the OS keeps away from binds (Linux: automatic assignment only). */
  reservedRanges(): ReservedRange[]
  /** The dynamic (ephemeral) ranges. */
  dynamicRanges(): DynamicPortRange[]
  /**
   * Makes the bind `probe` describes and closes the socket at once (never listen or connect):
   * what the kernel says to a program that binds this way now. Holds the port for microseconds.
   */
  probeBind(probe: BindProbe): BindProbeResult
  /** TCP sockets in TIME_WAIT with `expiresMs` (verdicts say when they go); absent: unknown. */
  timeWaitSockets?(): SocketEntry[]
  /**
   * The processes holding these socket inodes, read fresh (the listing's owners may come from a
   * cache); for the holders a verdict names. Absent where listSockets' owners are always fresh.
   */
  ownersOfSockets?(inodes: ReadonlySet<number>): {
    byInode: Map<number, SocketOwner[]>
    /** False when some process's descriptors could not be read. */
    complete: boolean
  }
  /**
   * Every socket, owners not looked up (a check that finds its ports free then reads no
   * process at all; it asks ownersOfSockets for the sockets it names). Absent: listSockets.
   */
  listSocketsUnowned?(): SocketListing
  /** Who a process is (start time, systemd unit, container), for fixes; absent: unknown. */
  processIdentity?(pid: number): ProcessIdentity | undefined
  /** Below which port binding needs privileges, and whether this process has them. */
  privilegedPorts(): { below: number; canBind: boolean }
  /**
   * Whether a port inside a reserved range refuses every bind (Windows exclusions) or only
   * automatic assignment (Linux ip_local_reserved_ports).
   */
  readonly reservedRangesBlockBinds: boolean
  /** Whether blocks offer `associateProbe` (Windows' port pool). */
  readonly associateProbeAvailable?: boolean
  /** Reservations the OS keeps across reboots, with their tokens looked up (Windows). */
  persistentReservations?(): PersistentReservation[]
  /** Who a process is, ending it, closing its connections; absent where not implemented. */
  readonly processes?: ProcessBackend
  /** Adds or removes an administered reserved range; absent where the OS has no such list. */
  readonly reservedRangeEditor?: {
    add(span: PortSpan, persist: boolean, protocol?: Protocol): PortSpan[]
    remove(span: PortSpan, persist: boolean, protocol?: Protocol): PortSpan[]
    /** Linux: Portwarden's own persisted set (what comes back at boot); absent elsewhere. */
    persisted?(): PortSpan[]
  }
}
