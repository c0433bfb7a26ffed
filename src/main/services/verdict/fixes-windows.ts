import type { BindProbeResult } from '../../../shared/bind-probe'
import type { HolderRecord } from '../../../shared/holders'
import type { DynamicPortRange, ReservedRange } from '../../../shared/inventory'
import type { Protocol, RuntimeReservation } from '../../../shared/model'
import type { GuestPortReservation } from '../../platform/win32/hcn'
import { coveringBlock } from '../../platform/win32/own-ranges'

/**
 * Windows' explanations and fixes for the verdict judge: pure functions of the facts, so the
 * judge (issue 11) words every Windows cause the same way. Facts and their sources:
 *
 * - A *system* exclusion (unmarked in `netsh … show excludedportrange`: Hyper-V, WinNAT, WSL,
 *   Docker) refuses every bind with WSAEACCES (10013).
 * - An *administered* exclusion (`*`: `netsh add excludedportrange`, CreatePersistent…) does not
 *   stop an explicit bind: KB 3039044, microsoft/msquic#2891 ("Binding a socket to this port
 *   works without issues"), OpenTelemetry's CI script win-required-ports.ps1 (which adds one so
 *   its collector can bind the port). It keeps automatic assignment (bind to port 0, outgoing
 *   connections) away, and refuses a second SO_REUSEADDR bind and a runtime reservation
 *   (msquic#2891: SIO_ACQUIRE_PORT_RESERVATION → WSAEADDRINUSE). msquic's docs/CIBIR.md says a
 *   persistent reservation "forbids sockets from binding to it unless it is associated": the
 *   test bind decides, and these texts follow its answer.
 * - WSAEADDRINUSE (10048) with no socket Portwarden can see: WSL mirrored networking and other
 *   Host Network Service reservations, which have no socket; or a TCP socket that is bound
 *   without listening, which GetExtendedTcpTable leaves out.
 * - Restarting winnat drops WSL2's and Docker's NAT port reservations (microsoft/WSL#9418): the
 *   winnat sequence is the last resort.
 * - Moving the dynamic range back to 49152–65535 is Microsoft's default
 *   (learn.microsoft.com: "default dynamic port range for TCP/IP"); a persistent administered
 *   exclusion of one port is what Microsoft's Azure SQL guidance adds
 *   (`netsh int ipv4 add excludedportrange tcp startport=N numberofports=1 store=persistent`).
 */

const ipv = 'ipv4'
const DEFAULT_DYNAMIC = { startPort: 49152, endPort: 65535 }
const span = (r: { startPort: number; endPort: number }) => `${r.startPort}–${r.endPort}`
const P = (protocol: Protocol) => protocol.toUpperCase()

/** A persistent administered exclusion of one port: automatic assignment keeps away from it. */
const protectPort = (protocol: Protocol, port: number) =>
  `netsh int ${ipv} add excludedportrange protocol=${protocol} startport=${port} numberofports=1 store=persistent    # elevated prompt; fails while the port is in use`

export const windowsFixes = {
  /**
   * pid 4 is the kernel ("System"): its listeners belong to HTTP.sys (IIS, WinRM, URL
   * reservations) or SMB, and ending pid 4 is neither possible nor wise. pid 0 owns no socket
   * a user can act on (TIME_WAIT).
   */
  inUse(pid: number | undefined, port: number, _protocol: Protocol): string {
    if (pid === 4) {
      return [
        `netsh http show servicestate view=requestq    # HTTP.sys: which service's request queue listens on :${port}`,
        port === 445 || port === 139
          ? '# SMB (File and Printer Sharing) holds this port: stop sharing or the "Server" service (LanmanServer)'
          : '# then stop that service (e.g. IIS: iisreset /stop; WinRM: net stop winrm); never end pid 4',
      ].join('\n')
    }
    if (pid === 0 || pid === undefined) {
      return `netstat -ano | findstr :${port}    # the last column is the owning PID; 0 means TIME_WAIT, which ends by itself`
    }
    return `taskkill /PID ${pid}    # or stop the service that runs it, or pick another port`
  },
  privileged: () => 'Windows has no privileged ports.',
  /**
   * A system exclusion (WinNAT/Hyper-V/WSL): the easy way first, then the winnat sequence,
   * which says what it costs.
   */
  excludedBySystem(
    protocol: Protocol,
    port: number,
    range?: { startPort: number; endPort: number },
  ) {
    return [
      `# Easiest: use a port outside ${range ? `the excluded range ${span(range)}` : 'the excluded range'}.`,
      '# Last resort — an elevated prompt; fails while the port is in use; restarting winnat drops',
      "# WSL2's and Docker's port reservations (microsoft/WSL#9418), so stop them first:",
      'net stop winnat',
      protectPort(protocol, port).replace(/ {4}#.*$/, ''),
      'net start winnat',
    ].join('\n')
  },
  /** Only for a user who no longer wants the administered exclusion: it does not stop binds. */
  excludedByAdmin: (protocol: Protocol, start: number, count: number) =>
    `netsh int ${ipv} delete excludedportrange protocol=${protocol} startport=${start} numberofports=${count}    # only if you no longer need it: an explicit bind works anyway`,
  /**
   * Inside the dynamic range: move the range back to Windows' default only when the port is in
   * it and the range is not the default already; otherwise keep automatic assignment off the
   * port with a persistent administered exclusion.
   */
  dynamic(protocol: Protocol, port?: number, ranges?: readonly DynamicPortRange[]): string {
    const inside = ranges?.find(
      (r) =>
        r.protocols.includes(protocol) &&
        port !== undefined &&
        port >= r.startPort &&
        port <= r.endPort,
    )
    const isDefault =
      inside?.startPort === DEFAULT_DYNAMIC.startPort && inside.endPort === DEFAULT_DYNAMIC.endPort
    const movable =
      port === undefined || (inside !== undefined && !isDefault && port < DEFAULT_DYNAMIC.startPort)
    if (movable) {
      return [
        `netsh int ipv4 set dynamicport ${protocol} start=49152 num=16384    # Windows' default range; elevated prompt`,
        `netsh int ipv6 set dynamicport ${protocol} start=49152 num=16384`,
      ].join('\n')
    }
    return protectPort(protocol, port)
  },
  protectPort,
  /** WSAEADDRINUSE with nothing visible holding the port. */
  hiddenHolder: (port: number, protocol: Protocol) =>
    [
      `netstat -ano -p ${protocol} | findstr :${port}    # a socket bound without listening shows here as a line without LISTENING`,
      'wsl --shutdown    # if WSL runs in mirrored networking mode, its reservations end with it',
    ].join('\n'),
}

/** Who put an excluded range there, as far as Portwarden can tell. */
export type ExclusionOwner =
  | { kind: 'ours'; token: string }
  | { kind: 'portwarden'; token: string; pid: number; holder: HolderRecord['holder'] }
  | { kind: 'guest'; partition: string }
  | { kind: 'administered' }
  | { kind: 'system' }

/**
 * Labels each excluded range: a runtime block of this Portwarden or of another running one
 * (netsh lists runtime reservations as unmarked ranges, which would otherwise read as WinNAT's),
 * a WSL/Hyper-V guest reservation from HNS, an administered (`*`) exclusion, or the system's.
 */
export function classifyExclusions(
  excluded: readonly ReservedRange[],
  facts: {
    ours: readonly RuntimeReservation[]
    others: readonly HolderRecord[]
    guest?: readonly GuestPortReservation[]
  },
): { range: ReservedRange; owner: ExclusionOwner }[] {
  const others = facts.others.flatMap((h) =>
    h.reservations.map((r) => ({ ...r, pid: h.pid, holder: h.holder })),
  )
  return excluded.map((range) => {
    const mine = range.administered ? undefined : coveringBlock(range, facts.ours)
    if (mine) return { range, owner: { kind: 'ours', token: mine.token } }
    const theirs = range.administered ? undefined : coveringBlock(range, others)
    if (theirs) {
      const { token, pid, holder } = theirs
      return { range, owner: { kind: 'portwarden', token, pid, holder } }
    }
    const guest = facts.guest?.find(
      (g) =>
        g.protocols.some((p) => range.protocols.includes(p)) &&
        g.startPort <= range.endPort &&
        range.startPort <= g.endPort,
    )
    if (guest) return { range, owner: { kind: 'guest', partition: guest.owningPartition } }
    return { range, owner: { kind: range.administered ? 'administered' : 'system' } }
  })
}

/** The sentence (and fix) for a port inside an excluded range, given who owns it and the test bind. */
export function explainExclusion(
  protocol: Protocol,
  port: number,
  labelled: { range: ReservedRange; owner: ExclusionOwner },
  bind?: BindProbeResult,
): { message: string; blocking: boolean; fix?: string } {
  const { range, owner } = labelled
  const where = `${P(protocol)} ${port} lies in the excluded range ${span(range)}`
  const refused = bind && !bind.ok ? ` The test bind was refused: ${bind.code}.` : ''
  switch (owner.kind) {
    case 'ours':
      return {
        message: `${where}, which is this Portwarden's own runtime reservation ${owner.token} (Windows lists it as an exclusion).${refused}`,
        blocking: true,
        fix: 'Release the reservation in Portwarden to free it.',
      }
    case 'portwarden':
      return {
        message: `${where}, which is a runtime reservation ${owner.token} of another Portwarden (${owner.holder}, pid ${owner.pid}).${refused}`,
        blocking: true,
        fix:
          owner.holder === 'cli'
            ? `taskkill /PID ${owner.pid}    # ends that portwarden reserve, which releases the block`
            : 'Release it in that Portwarden window.',
      }
    case 'guest':
      return {
        message: `${where}, reserved by the Host Network Service for a WSL or Hyper-V guest (partition ${owner.partition}); binds fail with WSAEADDRINUSE.${refused}`,
        blocking: true,
        fix: 'wsl --shutdown    # or stop the VM or container that forwards this port',
      }
    case 'administered': {
      const works = bind === undefined || bind.ok
      return {
        message: works
          ? `${where}, an administered exclusion (\`*\`): Windows keeps automatic assignment (bind to port 0, outgoing connections) away from it, and an explicit bind still works (KB 3039044). A second socket binding it with SO_REUSEADDR is refused.`
          : `${where}, an administered exclusion (\`*\`).${refused} Some Windows builds refuse sockets not associated with the persistent reservation (msquic docs/CIBIR.md).`,
        blocking: !works,
        ...(works
          ? {}
          : {
              fix: windowsFixes.excludedByAdmin(
                protocol,
                range.startPort,
                range.endPort - range.startPort + 1,
              ),
            }),
      }
    }
    case 'system':
      return {
        message: `${where}, taken by the system (Hyper-V, WinNAT, WSL or Docker): every bind fails with "access forbidden" (WSAEACCES, 10013).${refused}`,
        blocking: true,
        fix: windowsFixes.excludedBySystem(protocol, port, range),
      }
  }
}

/** The sentence for a test bind Windows refused while no socket or exclusion explains it. */
export function explainUnexplainedRefusal(
  protocol: Protocol,
  port: number,
  bind: Extract<BindProbeResult, { ok: false }>,
): { message: string; fix: string } {
  if (bind.code === 'WSAEADDRINUSE') {
    return {
      message:
        `Windows refuses this bind (WSAEADDRINUSE, 10048), but no socket Portwarden can see holds ${P(protocol)} ${port}: ` +
        'most likely a WSL mirrored-networking or other Host Network Service reservation (they have no socket), ' +
        'or a TCP socket bound without listening, which Windows does not list.',
      fix: windowsFixes.hiddenHolder(port, protocol),
    }
  }
  return {
    message: `Windows refuses this bind (${bind.code}, ${bind.errno}: ${bind.message}), and nothing Portwarden can see explains it.`,
    fix: `netsh int ${ipv} show excludedportrange protocol=${protocol}    # exclusions refuse binds with WSAEACCES`,
  }
}
