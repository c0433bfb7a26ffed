import type { DynamicPortRange, ReservedRange } from '../../../shared/inventory'
import type { HolderRecord } from '../../../shared/holders'
import type { Protocol, RuntimeReservation } from '../../../shared/model'
import { formatSpan, spanContains, type PortSpan } from '../../../shared/ranges'
import type { SocketEntry } from '../../../shared/sockets'
import type { PortVerdict, VerdictReason } from '../../../shared/verdict'
import { linuxFixes, windowsFixes } from './fixes'

/** Everything a verdict depends on, read once per check. */
export interface VerdictFacts {
  platform: 'linux' | 'win32'
  ours: readonly RuntimeReservation[]
  otherHolders: readonly HolderRecord[]
  sockets: readonly SocketEntry[]
  reserved: readonly ReservedRange[]
  reservedBlocksBinds: boolean
  dynamic: readonly DynamicPortRange[]
  privileged: { below: number; canBind: boolean }
}

const inRange = (r: { startPort: number; endPort: number }, port: number) =>
  port >= r.startPort && port <= r.endPort
const owner = (s: SocketEntry) =>
  s.owners.length
    ? s.owners.map((o) => `${o.name} (pid ${o.pid}${o.user ? `, ${o.user}` : ''})`).join(', ')
    : 'a process Portwarden cannot see'

/**
 * Judges one port: every reason that applies, and whether a plain bind (wildcard address, no
 * SO_REUSEADDR — what a reservation does) would succeed. Pure, so tests can check it against
 * the facts and against a real bind.
 */
export function judgePort(f: VerdictFacts, protocol: Protocol, port: number): PortVerdict {
  const fix = f.platform === 'win32' ? windowsFixes : linuxFixes
  const reasons: VerdictReason[] = []
  const mine = f.ours.find((r) => r.protocol === protocol && spanContains(r, port))
  if (mine) {
    reasons.push({
      code: 'ours',
      blocking: true,
      token: mine.token,
      message: `Held by this Portwarden: reservation ${mine.token} (${protocol.toUpperCase()} ${formatSpan(mine)}).`,
      fix: 'Release the reservation in Portwarden to free it.',
    })
  }
  for (const h of f.otherHolders) {
    const r = h.reservations.find((x) => x.protocol === protocol && spanContains(x, port))
    if (r) {
      reasons.push({
        code: 'portwarden',
        blocking: true,
        token: r.token,
        pid: h.pid,
        message: `Held by another Portwarden (${h.holder}, pid ${h.pid}): reservation ${r.token} (${formatSpan(r)}).`,
        fix:
          h.holder === 'cli'
            ? `kill -INT ${h.pid}    # ends that portwarden reserve`
            : 'Release it in that Portwarden window.',
      })
    }
  }
  if (!mine && !reasons.length) {
    for (const s of f.sockets) {
      if (s.protocol !== protocol || s.localPort !== port) continue
      reasons.push({
        code: 'in-use',
        blocking: true,
        state: s.state,
        owners: s.owners,
        pid: s.owners[0]?.pid,
        message: `In use by ${owner(s)}: ${s.state} on ${s.localAddress}${s.remotePort ? ` to ${s.remoteAddress}:${s.remotePort}` : ''}.`,
        fix: fix.inUse(s.owners[0]?.pid, port, protocol),
      })
    }
  }
  if (f.platform === 'linux' && port < f.privileged.below) {
    reasons.push({
      code: 'privileged',
      blocking: !f.privileged.canBind,
      message: f.privileged.canBind
        ? `Privileged (below ${f.privileged.below}): Portwarden may bind it, other programs need root or CAP_NET_BIND_SERVICE.`
        : `Privileged (below ${f.privileged.below}): binding it needs root or CAP_NET_BIND_SERVICE.`,
      fix: linuxFixes.privileged(port),
    })
  }
  for (const r of f.reserved) {
    if (!r.protocols.includes(protocol) || !inRange(r, port)) continue
    const span = `${r.startPort}–${r.endPort}`
    if (f.reservedBlocksBinds) {
      reasons.push({
        code: 'excluded',
        blocking: true,
        message: `Inside the excluded range ${span} (${r.administered ? 'administered' : 'taken by the system, e.g. Hyper-V/WinNAT/WSL/Docker'}): every bind fails with "access forbidden" (WSAEACCES).`,
        fix: r.administered
          ? windowsFixes.excludedByAdmin(protocol, r.startPort, r.endPort - r.startPort + 1)
          : windowsFixes.excludedBySystem(protocol, port),
      })
    } else {
      reasons.push({
        code: 'reserved',
        blocking: false,
        message: `Inside the reserved range ${span} (${r.origin}): automatic assignment (bind to port 0, outgoing connections) avoids it; an explicit bind still works.`,
        fix: linuxFixes.reserved(),
      })
    }
  }
  const reservedSpans: PortSpan[] = f.reserved.map((r) => ({
    startPort: r.startPort,
    count: r.endPort - r.startPort + 1,
  }))
  const isReserved = reasons.some((r) => r.code === 'reserved' || r.code === 'excluded')
  for (const d of f.dynamic) {
    if (!d.protocols.includes(protocol) || !inRange(d, port)) continue
    reasons.push({
      code: 'dynamic',
      blocking: false,
      message: isReserved
        ? `Inside the dynamic range ${d.startPort}–${d.endPort}, but reserved, so outgoing connections leave it alone.`
        : `Inside the dynamic range ${d.startPort}–${d.endPort}: outgoing connections may take it at any moment.`,
      fix:
        f.platform === 'win32'
          ? windowsFixes.dynamic(protocol)
          : linuxFixes.dynamic(port, reservedSpans),
    })
  }
  const bindable = !reasons.some((r) => r.blocking)
  if (reasons.length === 0)
    reasons.push({ code: 'free', blocking: false, message: 'Free: nothing holds it.' })
  return { protocol, port, bindable, reasons }
}
