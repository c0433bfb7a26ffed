import type { ReservedRange } from '../../../shared/inventory'
import type { Protocol } from '../../../shared/model'

/** A block some Portwarden holds, as the ranges code needs it. */
export interface HeldBlock {
  token: string
  protocol: Protocol
  startPort: number
  count: number
}

/**
 * The held block an excluded range lies in, if any. Windows lists each runtime reservation in
 * `netsh … show excludedportrange` as an unmarked range (field reports; unverified on every
 * build), which reads exactly like a WinNAT/Hyper-V block: matching it against the blocks a
 * Portwarden holds is the only way to tell them apart.
 */
export function coveringBlock<B extends HeldBlock>(
  range: Pick<ReservedRange, 'protocols' | 'startPort' | 'endPort'>,
  blocks: readonly B[],
): B | undefined {
  return blocks.find(
    (b) =>
      range.protocols.includes(b.protocol) &&
      range.startPort >= b.startPort &&
      range.endPort <= b.startPort + b.count - 1,
  )
}

/** Excluded ranges with this process's own runtime blocks named as such in `origin`. */
export function labelOwnRanges(
  ranges: readonly ReservedRange[],
  held: readonly HeldBlock[],
): ReservedRange[] {
  return ranges.map((r) => {
    if (r.administered) return r
    const mine = coveringBlock(r, held)
    return mine
      ? {
          ...r,
          origin: `Portwarden (this process): runtime reservation ${mine.token} — ${r.origin}`,
        }
      : r
  })
}
