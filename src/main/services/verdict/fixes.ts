import type { Protocol } from '../../../shared/model'
import { formatPortList, type PortSpan } from '../../../shared/ranges'

/** The commands a user can copy to fix or avoid each reason, per platform. */
export const linuxFixes = {
  inUse: (pid: number | undefined, port: number, protocol: Protocol) =>
    pid === undefined
      ? `sudo fuser -v ${port}/${protocol}    # shows which process holds it`
      : `kill ${pid}    # or stop the service that runs it, or pick another port`,
  privileged: (port: number) =>
    `sudo setcap 'cap_net_bind_service=+ep' /path/to/your/server    # or: sudo sysctl -w net.ipv4.ip_unprivileged_port_start=${port}`,
  /** Reserving the port keeps bind(0) and outgoing connections from taking it first. */
  dynamic: (port: number, reserved: readonly PortSpan[]) =>
    `sudo sysctl -w net.ipv4.ip_local_reserved_ports=${formatPortList([...reserved, { startPort: port, count: 1 }])}`,
  reserved: () => 'Nothing to fix: an explicit bind to this port works.',
}

const ipv = 'ipv4'

export const windowsFixes = {
  inUse: (pid: number | undefined, port: number, _protocol: Protocol) =>
    pid === undefined
      ? `netstat -ano | findstr :${port}    # the last column is the owning PID`
      : `taskkill /PID ${pid}    # or stop the service that runs it, or pick another port`,
  privileged: () => 'Windows has no privileged ports.',
  /** WinNAT re-takes its blocks at start: claim the port first, as an administrator. */
  excludedBySystem: (protocol: Protocol, port: number) =>
    [
      'net stop winnat',
      `netsh int ${ipv} add excludedportrange protocol=${protocol} startport=${port} numberofports=1`,
      'net start winnat',
    ].join('\n'),
  excludedByAdmin: (protocol: Protocol, start: number, count: number) =>
    `netsh int ${ipv} delete excludedportrange protocol=${protocol} startport=${start} numberofports=${count}`,
  dynamic: (protocol: Protocol) =>
    `netsh int ${ipv} set dynamicport ${protocol} start=49152 num=16384`,
}
