import type { SocketEntry, SocketListing, SocketOwner } from '../../../shared/sockets'
import { sameOwners, socketChanges } from '../socket-changes'
import { dedupeSockets, dumpInetSockets } from './inet-diag'
import { OwnerCache } from './owner-cache'
import { readProcNet } from './proc-net'
import { RecordCache } from './record-cache'

const NO_OWNERS: readonly SocketOwner[] = Object.freeze([])

/**
 * The app's socket listing, polled every second: each poll costs what changed since the last,
 * not what there is. The kernel dump is compared record by record with the last one
 * (RecordCache: unchanged sockets come back as the same entries, unparsed), the processes are
 * read again only where their descriptors changed (OwnerCache), owners are attached only to
 * sockets that are new or whose owners changed, and the listing says which entries came and
 * went (socketChanges) so the inventory diffs those alone. When nothing changed at all, the
 * last listing itself comes back.
 */
export class SocketPoller {
  private readonly records = new RecordCache()
  private readonly owners: OwnerCache
  private last?: SocketListing

  constructor(fullEvery?: number) {
    this.owners = new OwnerCache(fullEvery)
  }

  /** The owner cache's last scan, for tests and the bench. */
  get ownerStats() {
    return this.owners.stats
  }

  list(): SocketListing {
    let dump
    try {
      dump = dumpInetSockets(this.records)
    } catch {
      return this.fromProcNet(readProcNet())
    }
    // A kernel without e.g. udp_diag: those sockets come from /proc/net, merged; no shortcuts.
    if (dump.unsupported.length > 0)
      return this.fromProcNet(dedupeSockets([...dump.records, ...readProcNet(dump.unsupported)]))

    const { records } = this
    const entries = records.entries
    const scan = this.owners.scanChanges(
      records.fresh.map((p) => entries[p]!.inode),
      records.gone.map((e) => e.inode),
      () => new Set(entries.map((e) => e.inode)),
    )
    const added: SocketEntry[] = []
    const removed: SocketEntry[] = [...records.gone]
    // New entries were parsed by this dump and are nobody else's yet: owners go in place.
    for (const p of records.fresh) {
      const e = entries[p]!
      e.owners = (e.inode !== 0 && scan.byInode.get(e.inode)) || []
      added.push(e)
    }
    // Kept entries whose owners changed are replaced by copies (listings hold the old ones).
    const attach = (p: number) => {
      const e = entries[p]!
      const owners = (e.inode !== 0 && scan.byInode.get(e.inode)) || NO_OWNERS
      if (sameOwners(e.owners, owners)) return
      const copy: SocketEntry = { ...e, owners: owners === NO_OWNERS ? [] : [...owners] }
      records.replace(p, copy)
      removed.push(e)
      added.push(copy)
    }
    if (scan.touched === 'all') for (let p = 0; p < entries.length; p++) attach(p)
    else {
      // New entries have their owners already, and gone ones are not listed: what is left
      // are sockets that stayed while their owners changed (a fork, an exit): usually none.
      const settled = new Set<number>()
      for (const e of records.gone) settled.add(e.inode)
      for (const p of records.fresh) settled.add(entries[p]!.inode)
      for (const inode of scan.touched) {
        if (settled.has(inode)) continue
        const p = records.positionOf(inode)
        if (p !== undefined) attach(p)
      }
    }

    // Denied processes matter only if some socket that has descriptors was left without one.
    const ownersComplete =
      scan.complete || entries.every((s) => s.inode === 0 || s.owners.length > 0)
    const last = this.last
    if (
      last?.source === 'netlink' &&
      added.length === 0 &&
      removed.length === 0 &&
      last.ownersComplete === ownersComplete
    ) {
      // The same entries as the last listing (the dump's list is a new array of them): the
      // last listing itself, which the inventory sees as unchanged without looking inside.
      return last
    }
    const listing: SocketListing = { source: 'netlink', sockets: entries, ownersComplete }
    if (last?.source === 'netlink')
      socketChanges.set(entries, { since: last.sockets, added, removed })
    this.last = listing
    return listing
  }

  /** A listing from /proc/net text (or merged with it): every entry a fresh copy with owners. */
  private fromProcNet(sockets: SocketEntry[]): SocketListing {
    const scan = this.owners.scan(new Set(sockets.map((s) => s.inode)))
    const owned = sockets.map((s) => ({
      ...s,
      owners: (s.inode !== 0 && scan.byInode.get(s.inode)) || [],
    }))
    const ownersComplete = scan.complete || owned.every((s) => s.inode === 0 || s.owners.length > 0)
    this.last = { source: 'proc', sockets: owned, ownersComplete }
    return this.last
  }
}
