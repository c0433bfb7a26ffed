import { PortwardenError } from '../../../shared/errors'
import { MAX_PORT, type Protocol } from '../../../shared/model'
import type { PortSpan } from '../../../shared/ranges'
import { htons, toU64 } from './ctypes'
import { describeBlock, win32Error } from './errors'
import { Win32Error, type Iphlpapi } from './iphlpapi'

/**
 * Persistent reservations: kept by Windows across reboots, usable by any process allowed to use
 * them. Their tokens may change at every restart, so Portwarden never stores one: it looks the
 * token up by start and count whenever it needs it.
 */
export interface PersistentReservations {
  /** Creates the reservation (elevated administrator only) and returns its current token. */
  create(protocol: Protocol, span: PortSpan): bigint
  /** The current token of the reservation that starts and ends exactly at `span`. */
  lookup(protocol: Protocol, span: PortSpan): bigint
  /** Deletes the reservation that matches `span` exactly (elevated administrator only). */
  delete(protocol: Protocol, span: PortSpan): void
}

const suffix = (protocol: Protocol) => (protocol === 'tcp' ? 'Tcp' : 'Udp')

/** USHORT parameters silently truncate: refuse what they cannot carry before calling Windows. */
function checkSpan(protocol: Protocol, span: PortSpan): void {
  const ok =
    Number.isInteger(span.startPort) &&
    Number.isInteger(span.count) &&
    span.startPort >= 0 &&
    span.startPort <= MAX_PORT &&
    span.count >= 0 &&
    span.count <= MAX_PORT
  if (!ok) {
    throw new PortwardenError(
      'invalid-input',
      `A persistent ${protocol.toUpperCase()} reservation needs a start port and count between 0 and ${MAX_PORT}.`,
      JSON.stringify(span),
    )
  }
}

/** A block Windows can take at all: non-empty, from port 1, ending at or below 65535. */
const wellFormed = (span: PortSpan) =>
  span.startPort >= 1 && span.count >= 1 && span.startPort + span.count - 1 <= MAX_PORT

/**
 * The error for a failed Lookup or Delete. Microsoft documents ERROR_NOT_FOUND (1168) for a
 * block that is not an exact match of a reservation; field reports and older builds answer
 * ERROR_INVALID_PARAMETER (87) instead. For a well-formed block 87 can only mean that, so both
 * read as "no such reservation"; for a malformed one 87 stays invalid-input.
 */
function lookupOrDeleteError(rc: number, call: string, protocol: Protocol, span: PortSpan) {
  const block = describeBlock(protocol, span)
  if (rc !== Win32Error.ERROR_INVALID_PARAMETER || !wellFormed(span))
    return win32Error(rc, call, block)
  const { kind, message } = win32Error(Win32Error.ERROR_NOT_FOUND, call, block)
  return new PortwardenError(
    kind,
    message,
    `${call} returned ERROR_INVALID_PARAMETER (87) for a well-formed block`,
  )
}

export function persistentReservations(ip: Iphlpapi): PersistentReservations {
  // Zero and overflowing blocks are passed on: Windows itself answers ERROR_INVALID_PARAMETER.
  const withToken = (verb: 'Create' | 'Lookup', protocol: Protocol, span: PortSpan): bigint => {
    checkSpan(protocol, span)
    const name = `${verb}Persistent${suffix(protocol)}PortReservation` as const
    const out: [number | bigint] = [0]
    const rc = ip[name](htons(span.startPort), span.count, out)
    const block = describeBlock(protocol, span)
    if (rc !== Win32Error.NO_ERROR) {
      throw verb === 'Lookup'
        ? lookupOrDeleteError(rc, name, protocol, span)
        : win32Error(rc, name, block)
    }
    const token = toU64(out[0])
    if (token === 0n) {
      throw new PortwardenError('internal', `Windows returned no token for ${block}.`, name)
    }
    return token
  }
  return {
    create: (protocol, span) => withToken('Create', protocol, span),
    lookup: (protocol, span) => withToken('Lookup', protocol, span),
    delete(protocol, span) {
      checkSpan(protocol, span)
      const name = `DeletePersistent${suffix(protocol)}PortReservation` as const
      const rc = ip[name](htons(span.startPort), span.count)
      if (rc !== Win32Error.NO_ERROR) throw lookupOrDeleteError(rc, name, protocol, span)
    },
  }
}
