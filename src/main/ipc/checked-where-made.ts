import type { InvokeChannel, PushChannel } from '../../shared/contract'

/**
 * Channels whose values are checked against the contract where they are made, not again on
 * main's thread. The inventory's deltas are parsed by InventoryReader as it makes them (in the
 * inventory worker, in the app), and the snapshot is main's mirror of those checked deltas;
 * parsing 10,000 sockets again on main took 13 ms per push or snapshot, the largest block of
 * main's event loop left. Every other channel's answer is still parsed on main.
 */
export const PUSHES_CHECKED_WHERE_MADE: ReadonlySet<PushChannel> = new Set(['inventory:changed'])
export const ANSWERS_CHECKED_WHERE_MADE: ReadonlySet<InvokeChannel> = new Set([
  'inventory:snapshot',
])
