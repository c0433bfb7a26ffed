import { randomBytes } from '../../lazy-crypto'
import type { ReserveRequest } from '../../../shared/model'
import type { AcquiredBlock, PortBackend } from '../backend'
import { closeAll } from './bound-socket'
import { canBindPrivilegedPorts } from './capabilities'
import { probeBind } from './probe-bind'
import { dumpTimeWait } from './inet-diag'
import { processIdentity } from './process-identity'
import { scanSocketOwners } from './owners'
import { ReservedPorts } from './reserved-ports'
import { acquireSpecific, acquireWildcard } from './runtime'
import { linuxProcesses } from './processes'
import { SocketPoller } from './socket-poller'
import { listSockets } from './sockets'
import { dynamicPortRange, reservedPorts, unprivilegedPortStart } from './sysctl'

/** A random non-zero 64-bit token; Linux has no port pool to hand one out. */
function newToken(): bigint {
  for (;;) {
    const t = randomBytes(8).readBigUInt64BE()
    if (t !== 0n) return t
  }
}

const BOTH = ['tcp', 'udp'] as const

/**
 * Linux: a block is held as one bound, non-listening, dual-stack socket per port, owned by this
 * process. The kernel frees them when the process exits, like Windows frees a runtime
 * reservation with its socket. The net.ipv4 sysctls cover TCP and UDP, IPv4 and IPv6 alike.
 */
export function createLinuxBackend(): PortBackend {
  // Records and owners carried from one listing to the next: a poll costs what changed.
  const poller = new SocketPoller()
  return {
    id: 'linux-sockets',
    reservedRangesBlockBinds: false,
    isPrivileged: () => process.getuid?.() === 0,
    acquireBlock(req: ReserveRequest): AcquiredBlock {
      const { startPort, fds } =
        req.startPort === 0
          ? acquireWildcard(req.protocol, req.count)
          : {
              startPort: req.startPort,
              fds: acquireSpecific(req.protocol, req.startPort, req.count),
            }
      let open = true
      return {
        token: newToken(),
        protocol: req.protocol,
        startPort,
        count: req.count,
        release() {
          if (!open) return
          open = false
          closeAll(fds)
        },
      }
    },
    listSockets: () => poller.list(),
    probeBind,
    timeWaitSockets: dumpTimeWait,
    processIdentity,
    ownersOfSockets: (inodes) => scanSocketOwners(inodes),
    listSocketsUnowned: () => listSockets({ owners: false }),
    reservedRanges: () =>
      reservedPorts().map((s) => ({
        protocols: [...BOTH],
        startPort: s.startPort,
        endPort: s.startPort + s.count - 1,
        administered: true,
        origin: 'net.ipv4.ip_local_reserved_ports',
      })),
    dynamicRanges() {
      const { low, high } = dynamicPortRange()
      return [
        {
          protocols: [...BOTH],
          startPort: low,
          endPort: high,
          origin: 'net.ipv4.ip_local_port_range',
        },
      ]
    },
    reservedRangeEditor: new ReservedPorts(),
    processes: linuxProcesses,
    privilegedPorts: () => ({ below: unprivilegedPortStart(), canBind: canBindPrivilegedPorts() }),
  }
}
