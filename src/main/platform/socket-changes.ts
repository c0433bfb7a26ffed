import type { SocketEntry, SocketOwner } from '../../shared/sockets'

/**
 * What a lister knows changed between two of its listings: the entries of `since` that are
 * not in the new listing (`removed`) and the entries of the new listing that were not in
 * `since` (`added`), by identity. Every other entry is the very same object in both. A
 * socket whose state or owners changed is one of each, with the same inode (or ends).
 */
export interface SocketChanges {
  since: readonly SocketEntry[]
  added: readonly SocketEntry[]
  removed: readonly SocketEntry[]
}

/**
 * A listing's sockets array → its changes, when the lister kept them (the Linux poller): the
 * inventory diffs those instead of comparing 10,000 entries. Kept beside the listing, not in
 * it, so nothing serialises or validates it by mistake.
 */
export const socketChanges = new WeakMap<readonly SocketEntry[], SocketChanges>()

/** Whether two owner lists name the same processes (pid, name and user), in order. */
export const sameOwners = (a: readonly SocketOwner[], b: readonly SocketOwner[]): boolean =>
  a === b ||
  (a.length === b.length &&
    a.every((o, i) => o.pid === b[i]!.pid && o.name === b[i]!.name && o.user === b[i]!.user))
