import type { SocketEntry } from '../../../../shared/sockets'
import {
  endpoint,
  ownersLabel,
  protocolLabel,
  remoteEnd,
  stateLabel,
  usersLabel,
} from './socket-format'

/** A query term: a number must equal a port or pid; text must appear in the row's text. */
type Term = { number: number } | { text: string }

const haystacks = new WeakMap<SocketEntry, string>()

/**
 * A row's searchable text, built once per entry: entries are replaced, never mutated, when a
 * socket changes, so the cache cannot go stale and filtering 65,536 rows stays a string scan.
 */
function haystack(s: SocketEntry): string {
  let text = haystacks.get(s)
  if (text === undefined) {
    text = [
      protocolLabel(s),
      endpoint(s.localAddress, s.localPort),
      remoteEnd(s),
      s.state,
      stateLabel(s.state),
      ownersLabel(s),
      usersLabel(s),
    ]
      .join(' ')
      .toLowerCase()
    haystacks.set(s, text)
  }
  return text
}

let lastQuery = ''
let lastTerms: Term[] = []

/** Splits a query into terms, remembering the last one: the filter runs once per row. */
function termsOf(query: string): Term[] {
  if (query !== lastQuery) {
    lastQuery = query
    lastTerms = query
      .toLowerCase()
      .split(/\s+/)
      .filter((t) => t !== '')
      .map((t) => (/^\d+$/.test(t) ? { number: Number(t) } : { text: t }))
  }
  return lastTerms
}

/**
 * Whether a socket matches every term of `query`. Numbers match exactly (local or remote
 * port, or an owner's pid), so "3000" does not also list 30001 or pid 13000.
 */
export function socketMatches(s: SocketEntry, query: string): boolean {
  for (const term of termsOf(query)) {
    if ('number' in term) {
      const n = term.number
      if (s.localPort !== n && s.remotePort !== n && !s.owners.some((o) => o.pid === n))
        return false
    } else if (!haystack(s).includes(term.text)) return false
  }
  return true
}
