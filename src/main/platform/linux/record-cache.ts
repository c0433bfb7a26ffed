import type { SocketEntry } from '../../../shared/sockets'

/** Words of an inet_diag record that say what Portwarden shows, and the v6-only attribute. */
const WORDS = 12

function same(a: Uint32Array, b: Uint32Array): boolean {
  for (let i = 0; i < WORDS; i++) if (a[i] !== b[i]) return false
  return true
}

interface Kept {
  words: Uint32Array
  entry: SocketEntry
  round: number
}

/**
 * Parsed inet_diag records kept by inode from one dump to the next. Between two polls a second
 * apart almost every socket is the same, and parsing it again (two address strings and an
 * object each, 10,000 times) is most of a dump's JavaScript time and garbage: a record whose
 * family, state, ports, addresses, uid and v6-only flag read the same as last time gives back
 * last time's entry instead. Entries handed out are shared: callers must not change them.
 */
export class RecordCache {
  private kept = new Map<number, Kept>()
  private round = 0
  private hits = 0
  private misses = 0
  /**
   * After a dump: every record was kept from the last one, each once, and none went away —
   * the dump listed exactly the same sockets, as the same entries.
   */
  unchanged = false
  private readonly scratch = new Uint32Array(WORDS)

  /** Call before a dump. */
  begin(): void {
    this.round++
    this.hits = this.misses = 0
  }

  /** The entry for the record at `at` (its attributes up to `end`): kept, or parsed now. */
  take(
    v: DataView,
    at: number,
    end: number,
    le: boolean,
    v6only: (v: DataView, at: number, end: number) => number,
    parse: () => SocketEntry,
  ): SocketEntry {
    const inode = v.getUint32(at + 84, le)
    if (inode === 0) {
      this.misses++
      return parse() // TIME_WAIT and pending connections: no identity to keep
    }
    const w = this.scratch
    w[0] = v.getUint16(at + 16) // family, state
    w[1] = v.getUint32(at + 20) // both ports
    for (let i = 0; i < 8; i++) w[2 + i] = v.getUint32(at + 24 + 4 * i) // both addresses
    w[10] = v.getUint32(at + 80, le) // uid
    w[11] = v6only(v, at, end)
    const kept = this.kept.get(inode)
    if (kept && same(kept.words, w)) {
      if (kept.round === this.round) this.misses++ // listed twice in one dump
      kept.round = this.round
      this.hits++
      return kept.entry
    }
    this.misses++
    const entry = parse()
    this.kept.set(inode, { words: w.slice(), entry, round: this.round })
    return entry
  }

  /** Call after a dump: forgets the sockets it did not list. */
  end(): void {
    let gone = 0
    for (const [inode, k] of this.kept) {
      if (k.round !== this.round) {
        this.kept.delete(inode)
        gone++
      }
    }
    this.unchanged = this.misses === 0 && gone === 0 && this.hits === this.kept.size
  }
}
