import type { SocketEntry } from '../../../shared/sockets'

/**
 * Words of an inet_diag record that say what Portwarden shows: family and state, both ports,
 * both addresses, uid, the v6-only attribute, then the protocol and the inode (the identity).
 */
const WORDS = 14
const PROTOCOL = 12
const INODE = 13

type Key = number | string

/**
 * Parsed inet_diag records kept from one dump to the next, in the dump's order. Between two
 * polls a second apart almost every socket is the same, and the kernel lists them in the same
 * order (its hash tables'), so a record is first compared with the one at the same place in
 * the last dump: a run of unchanged sockets costs a few word compares each, with no parse, no
 * allocation and no hash lookup. Only where the order breaks (a socket came, went or changed)
 * is the last dump looked up by inode, from an index built then and only then.
 *
 * A record whose family, state, ends, uid and v6-only flag read as before gives back the entry
 * handed out last time — which the owner of the cache may have replaced (`replace`), e.g. by
 * a copy carrying owners. Entries handed out are shared: nobody changes one.
 *
 * A dump is not a snapshot: under churn the kernel can list a socket twice. The first record
 * of each socket stands; repeats are dropped (take returns undefined).
 */
export class RecordCache {
  private prevWords = new Uint32Array(0)
  private prevEntries: SocketEntry[] = []
  /** Per socket of the last dump: 0 not listed again (yet), 1 listed unchanged, 2 changed. */
  private listed = new Uint8Array(0)
  private prevIndex?: Map<Key, number>
  private nextWords = new Uint32Array(1024 * WORDS)
  private nextEntries: SocketEntry[] = []
  /** Keys of sockets new in this dump, to drop a repeat of one. */
  private newKeys = new Set<Key>()
  private cursor = 0
  private protocol = 0
  private nextIndex?: Map<Key, number>

  /** After a dump: every socket it listed, in its order (the very array; never copied). */
  entries: SocketEntry[] = []
  /** After a dump: positions in `entries` of the sockets parsed afresh (new or changed). */
  fresh: number[] = []
  /** After a dump: entries of the last dump that this one no longer lists as they were. */
  gone: SocketEntry[] = []
  /** After a dump: the same sockets as the last one, each unchanged. */
  unchanged = false

  /** Call before a dump. */
  begin(): void {
    this.cursor = 0
    this.listed = new Uint8Array(this.prevEntries.length)
    this.prevIndex = undefined
    this.nextIndex = undefined
    this.nextEntries = []
    this.newKeys.clear()
    this.fresh = []
  }

  /** Call before each protocol's records (6 TCP, 17 UDP): the same ends may be both. */
  setProtocol(protocol: number): void {
    this.protocol = protocol
  }

  /**
   * The entry for the record at `at` (attributes up to `end`): kept, or parsed now by
   * `parse`; undefined for a repeat of a socket already listed in this dump. Called 10,000
   * times a poll: no allocation on the way to a kept entry (the words go straight into the
   * next dump's buffer, and are compared there).
   */
  take(
    v: DataView,
    at: number,
    end: number,
    le: boolean,
    v6only: (v: DataView, at: number, end: number) => number,
    parse: (v: DataView, at: number, end: number) => SocketEntry,
  ): SocketEntry | undefined {
    const n = this.nextEntries.length
    if ((n + 1) * WORDS > this.nextWords.length) this.grow(n + 1)
    const w = this.nextWords
    const base = n * WORDS
    w[base] = v.getUint16(at + 16) // family, state
    w[base + 1] = v.getUint32(at + 20) // both ports
    for (let i = 0; i < 8; i++) w[base + 2 + i] = v.getUint32(at + 24 + 4 * i) // both addresses
    w[base + 10] = v.getUint32(at + 80, le) // uid
    w[base + 11] = v6only(v, at, end)
    w[base + PROTOCOL] = this.protocol
    w[base + INODE] = v.getUint32(at + 84, le)

    // The same socket at the same place as last time: the common case, and the cheap one.
    const q = this.cursor
    if (q < this.prevEntries.length && this.listed[q] === 0 && this.sameAs(q, base)) {
      this.listed[q] = 1
      this.cursor = q + 1
      return this.push(this.prevEntries[q]!)
    }
    // Off the last dump's order: look the socket up.
    const key = keyOf(w, base)
    const p = this.index().get(key)
    if (p !== undefined) {
      if (this.listed[p] !== 0) return undefined // listed already in this dump
      if (this.sameAs(p, base)) {
        this.listed[p] = 1
        this.cursor = p + 1
        return this.push(this.prevEntries[p]!)
      }
      this.listed[p] = 2 // the same socket, changed: parsed again below
    } else if (this.newKeys.has(key)) return undefined
    else this.newKeys.add(key)
    this.fresh.push(n)
    return this.push(parse(v, at, end))
  }

  /** Call after a dump. */
  end(): void {
    const { prevEntries, listed } = this
    const gone: SocketEntry[] = []
    for (let p = 0; p < prevEntries.length; p++) if (listed[p] !== 1) gone.push(prevEntries[p]!)
    this.gone = gone
    this.unchanged = gone.length === 0 && this.fresh.length === 0
    // This dump becomes the last one; its word buffer is reused for the next.
    ;[this.prevWords, this.nextWords] = [this.nextWords, this.prevWords]
    this.prevEntries = this.entries = this.nextEntries
  }

  /**
   * Puts `entry` at `position` of `entries` in place of the one there (a copy with owners):
   * the next dump gives back this one for that socket while it is unchanged.
   */
  replace(position: number, entry: SocketEntry): void {
    this.entries[position] = entry
  }

  /** Where the socket with this inode is in `entries`, after a dump (indexed on first use). */
  positionOf(inode: number): number | undefined {
    if (!this.nextIndex) {
      this.nextIndex = new Map()
      const words = this.prevWords
      for (let p = 0; p < this.entries.length; p++) {
        const i = words[p * WORDS + INODE]!
        if (i !== 0) this.nextIndex.set(i, p)
      }
    }
    return this.nextIndex.get(inode)
  }

  /** Whether socket `p` of the last dump has the words at `base` of the next one's buffer. */
  private sameAs(p: number, base: number): boolean {
    const prev = this.prevWords
    const next = this.nextWords
    const at = p * WORDS
    for (let i = WORDS - 1; i >= 0; i--) if (prev[at + i] !== next[base + i]) return false
    return true
  }

  private index(): Map<Key, number> {
    if (!this.prevIndex) {
      this.prevIndex = new Map()
      for (let p = 0; p < this.prevEntries.length; p++)
        this.prevIndex.set(keyOf(this.prevWords, p * WORDS), p)
    }
    return this.prevIndex
  }

  /** Lists `entry` as the next socket of this dump (its words are in place already). */
  private push(entry: SocketEntry): SocketEntry {
    this.nextEntries.push(entry)
    return entry
  }

  private grow(sockets: number): void {
    const grown = new Uint32Array(Math.max(1024, 2 * sockets) * WORDS)
    grown.set(this.nextWords.subarray(0, this.nextEntries.length * WORDS))
    this.nextWords = grown
  }
}

/**
 * A socket's identity: its inode, or for sockets without one (TIME_WAIT, pending connections)
 * its protocol, family, state and ends.
 */
function keyOf(words: Uint32Array, base: number): Key {
  const inode = words[base + INODE]!
  if (inode !== 0) return inode
  let key = ''
  for (let i = 0; i < 10; i++) key += words[base + i]!.toString(36) + ' '
  return key + words[base + PROTOCOL]
}
