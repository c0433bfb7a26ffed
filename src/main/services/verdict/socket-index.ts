import type { Protocol } from '../../../shared/model'
import type { SocketEntry, SocketOwner } from '../../../shared/sockets'

const NONE: readonly SocketEntry[] = Object.freeze([])

/**
 * Sockets by protocol and local port, built once per check: a 65,535-port check then looks at
 * each socket once instead of scanning every socket for every port.
 */
export class SocketIndex {
  private readonly byKey = new Map<number, SocketEntry[]>()

  constructor(sockets: readonly SocketEntry[]) {
    for (const s of sockets) {
      const key = SocketIndex.key(s.protocol, s.localPort)
      const list = this.byKey.get(key)
      if (list) list.push(s)
      else this.byKey.set(key, [s])
    }
  }

  private static key(protocol: Protocol, port: number): number {
    return (protocol === 'tcp' ? 0 : 65_536) + port
  }

  on(protocol: Protocol, port: number): readonly SocketEntry[] {
    return this.byKey.get(SocketIndex.key(protocol, port)) ?? NONE
  }

  /** Gives sockets their owners as read afresh (copies: the listing's entries stay as they were). */
  setOwners(protocol: Protocol, port: number, byInode: ReadonlyMap<number, SocketOwner[]>): void {
    const list = this.byKey.get(SocketIndex.key(protocol, port))
    if (!list) return
    for (const [i, s] of list.entries()) {
      const owners = byInode.get(s.inode)
      if (s.inode !== 0 && owners) list[i] = { ...s, owners }
    }
  }

  /** Whether `pid` holds a descriptor of some socket on this port. */
  ownedBy(protocol: Protocol, port: number, pid: number): boolean {
    return this.on(protocol, port).some((s) => s.owners.some((o) => o.pid === pid))
  }
}
