import type { ConnectionRequest, ProcessDetails } from '../../shared/process-actions'

/**
 * What a backend offers for acting on other processes (PortBackend.processes): who a process is,
 * ending it, and closing one of its connections. Services wait and judge; this only asks the OS.
 */
export interface ProcessBackend {
  /** Throws not-found when the process has exited. */
  details(pid: number): ProcessDetails
  /** What tells this process from a later one with the same pid; undefined once it is gone. */
  identity(pid: number): string | undefined
  /** Whether the process still runs (and, given an identity, is still that process). */
  isRunning(pid: number, identity?: string): boolean
  /** SIGTERM, or SIGKILL with force (Windows: TerminateProcess either way). */
  signal(pid: number, force: boolean): void
  /** Closes exactly this socket (Linux SOCK_DESTROY; Windows SetTcpEntry DELETE_TCB, IPv4 TCP). */
  closeConnection(connection: ConnectionRequest): void
  /** Whether ending a process can be asked politely first (SIGTERM); Windows cannot. */
  readonly gracefulEnd: boolean
}
