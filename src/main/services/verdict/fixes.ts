import type { Protocol } from '../../../shared/model'
import type { ProcessIdentity } from '../../../shared/process-identity'
import { formatPortList, type PortSpan } from '../../../shared/ranges'
import { visible } from '../../../shared/visible'

/**
 * The commands a user can copy on Linux. A fix is offered only where the intended bind fails and
 * the command would make it succeed; tips avoid a later problem and never claim to fix one.
 */

const sudo = (asRoot: boolean) => (asRoot ? '' : 'sudo ')

/** "Sat, 28 Nov 2026 11:02:13 GMT": when the process started, so the right one is ended. */
const started = (p?: ProcessIdentity) =>
  p?.startedAt ? `, started ${new Date(p.startedAt).toUTCString()}` : ''

export const linuxFixes = {
  /**
   * Stops what holds the port: the systemd unit or container that runs it (killing the process
   * alone would have it restarted), else the process itself, named with its start time.
   */
  endHolder(
    name: string,
    pid: number,
    identity: ProcessIdentity | undefined,
    options: { asRoot: boolean; othersUser: boolean; connections: number },
  ): string {
    // A fix is copied into a shell: names from the system (a process may call itself
    // "x\nrm -rf ~") go in with their control characters made visible, never raw.
    name = visible(name)
    const after =
      options.connections > 0
        ? `\n# its ${options.connections === 1 ? 'connection then waits' : `${options.connections} connections then wait`} in TIME_WAIT for up to 60 s: bind with SO_REUSEADDR, or wait`
        : ''
    if (identity?.container) {
      const { runtime } = identity.container
      const id = visible(identity.container.id)
      return `${runtime} stop ${id}    # the ${runtime} container that runs ${name} (pid ${pid})${after}`
    }
    if (identity?.service) {
      return `${sudo(options.asRoot)}systemctl stop ${visible(identity.service)}    # runs ${name} (pid ${pid})${after}`
    }
    const needs = options.othersUser && !options.asRoot ? 'sudo ' : ''
    return `${needs}kill ${pid}    # ${name}${started(identity)}${after}`
  },
  /** Binding a privileged port: give the program the capability; the sysctl only with its cost. */
  privileged: (port: number, below: number, asRoot: boolean) =>
    [
      `${sudo(asRoot)}setcap 'cap_net_bind_service=+ep' /path/to/your/server    # lets that program bind ports below ${below}`,
      `# or, for every program: ${sudo(asRoot)}sysctl -w net.ipv4.ip_unprivileged_port_start=${port}`,
      `# WARNING: that opens every port from ${port} to ${below - 1} to every user on this machine.`,
    ].join('\n'),
  /** Keeps bind(0) and outgoing connections off the port: avoids, not fixes. */
  reserveTip: (port: number, reserved: readonly PortSpan[], asRoot: boolean) =>
    `${sudo(asRoot)}sysctl -w net.ipv4.ip_local_reserved_ports=${reserved.length ? formatPortList([...reserved, { startPort: port, count: 1 }]) : port}    # keeps outgoing connections off it`,
  addressList: () => 'ip -brief address    # the addresses this machine has',
  timeWait: (protocol: Protocol, port: number) =>
    `ss -tan state time-wait '( sport = :${port} )'    # ${protocol.toUpperCase()} connections the kernel keeps for up to 60 s`,
  hidden: (port: number, asRoot: boolean) =>
    `${sudo(asRoot)}ss -tuanp 'sport = :${port}'    # as root, ss sees every process's sockets`,
}

export { windowsFixes } from './fixes-windows'
