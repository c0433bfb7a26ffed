import type { Protocol, ReserveRequest } from '../../shared/model'

/** A block of ports the backend holds until release() is called. */
export interface AcquiredBlock {
  /** Opaque non-zero 64-bit token: the OS's on Windows, the backend's own on Linux. */
  readonly token: bigint
  readonly protocol: Protocol
  readonly startPort: number
  readonly count: number
  /** Gives the ports back. Idempotent: a second call does nothing. */
  release(): void
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
}
