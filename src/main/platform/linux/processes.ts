import type { ProcessBackend } from '../process-backend'
import { isRunning, signalProcess } from './kill'
import { processDetails, processIdentity } from './process-details'
import { closeConnection } from './sock-destroy'

/** Linux: /proc for who a process is, kill(2) to end it, SOCK_DESTROY to close a socket. */
export const linuxProcesses: ProcessBackend = {
  details: processDetails,
  identity: processIdentity,
  isRunning,
  signal: signalProcess,
  closeConnection,
  gracefulEnd: true,
}
