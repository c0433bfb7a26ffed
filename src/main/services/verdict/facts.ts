import type { HolderRecord } from '../../../shared/holders'
import type { DynamicPortRange, ReservedRange } from '../../../shared/inventory'
import type { RuntimeReservation } from '../../../shared/model'
import type { ProcessIdentity } from '../../../shared/process-identity'
import type { SocketIndex } from './socket-index'

/** Everything a verdict's explanation depends on, read once per check. */
export interface VerdictFacts {
  platform: 'linux' | 'win32'
  /** This process: its own sockets are not "another process". */
  selfPid: number
  /** Effective uid (Linux), for "the same user may share it with SO_REUSEPORT". */
  euid: number | undefined
  /** Root / elevated: commands are shown without sudo. */
  asRoot: boolean
  ours: readonly RuntimeReservation[]
  /** Other Portwardens' records, already checked for pid reuse (holder-files.ts). */
  otherHolders: readonly HolderRecord[]
  /** Sockets by protocol and port. */
  index: SocketIndex
  /** False when some owners may be missing (other users' processes, without root). */
  ownersComplete: boolean
  /**
   * The listing was read without owners: those of the sockets on the judged ports are looked
   * up when they are judged (a check of free ports then reads no process at all).
   */
  ownersPending: boolean
  reserved: readonly ReservedRange[]
  /**
   * Why the reserved or dynamic ranges could not be read (Windows' netsh failing), when they
   * could not: those lists are then empty or old, so an unexplained refusal may be an exclusion.
   */
  rangesError?: string
  reservedBlocksBinds: boolean
  dynamic: readonly DynamicPortRange[]
  privileged: { below: number; canBind: boolean }
  /** net.ipv6.bindv6only: what a program binding "::" gets. */
  ipv6V6OnlyByDefault: boolean
  /** Filled for the ports judged: TCP port → ms until its last TIME_WAIT socket goes. */
  timeWaitMs: Map<number, number>
  /** Filled for the holders of refused ports: who each process is. */
  identities: Map<number, ProcessIdentity>
}
