import { PortwardenError } from '../../../shared/errors'
import type { Protocol } from '../../../shared/model'
import { formatSpan, type PortSpan } from '../../../shared/ranges'
import { Win32Error } from './iphlpapi'

/** Winsock error codes Portwarden turns into specific errors (winerror.h, WSA* = 10000 + n). */
export const Wsa = {
  WSAEACCES: 10013,
  WSAEFAULT: 10014,
  WSAEINVAL: 10022,
  WSAEMFILE: 10024,
  WSAENOTSOCK: 10038,
  WSAEOPNOTSUPP: 10045,
  WSAEADDRINUSE: 10048,
  WSAENOBUFS: 10055,
  WSANOTINITIALISED: 10093,
} as const

const nameOf = (table: Record<string, number>, code: number): string =>
  `${Object.entries(table).find(([, v]) => v === code)?.[0] ?? 'error'} (${code})`

/** "TCP ports 5000–5009" / "UDP port 53" */
export function describeBlock(protocol: Protocol, span: PortSpan): string {
  const p = protocol.toUpperCase()
  if (span.count < 1) return `an empty ${p} block at port ${span.startPort}`
  return `${p} ${span.count === 1 ? 'port' : 'ports'} ${formatSpan(span)}`
}

/**
 * The Winsock error `code` of `call` as an error a user can act on. `action` completes
 * "Could not …", e.g. "reserve TCP ports 5000–5009".
 */
export function winsockError(code: number, call: string, action: string): PortwardenError {
  const detail = `${call} failed: ${nameOf(Wsa, code)}`
  const fail = (kind: PortwardenError['kind'], why: string) =>
    new PortwardenError(kind, `Could not ${action}: ${why}`, detail)
  switch (code) {
    case Wsa.WSAEOPNOTSUPP:
      return fail(
        'not-supported',
        "port reservations are not supported by this system's network stack.",
      )
    case Wsa.WSAEACCES:
      return fail(
        'permission-denied',
        'Windows refused access. The ports may lie in an excluded port range ' +
          '(`netsh interface ipv4 show excludedportrange protocol=tcp`), ' +
          'or the operation needs Portwarden to run as administrator.',
      )
    case Wsa.WSAEINVAL:
      return fail(
        'invalid-input',
        'Windows rejected the request as invalid (an empty or out-of-range block, ' +
          'or a token this process does not hold).',
      )
    case Wsa.WSAEADDRINUSE:
      return fail('port-in-use', 'some of these ports are already in use or reserved.')
    case Wsa.WSAENOBUFS:
    case Wsa.WSAEMFILE:
      return fail(
        'resource-exhausted',
        'Windows has no buffer space or sockets left; release a block or close programs.',
      )
    // A bad pointer or a dead socket handle is a Portwarden bug, not something the user did.
    case Wsa.WSAEFAULT:
      return fail('internal', 'Portwarden passed Windows an invalid buffer (a bug in Portwarden).')
    case Wsa.WSAENOTSOCK:
      return fail('internal', 'the socket holding the reservation is no longer valid.')
    default:
      return fail('internal', `Windows Sockets reported error ${code}.`)
  }
}

/** The Win32 `code` returned by a persistent-reservation call on `block` ("TCP ports …"). */
export function win32Error(code: number, call: string, block: string): PortwardenError {
  const detail = `${call} returned ${nameOf(Win32Error, code)}`
  switch (code) {
    case Win32Error.ERROR_ACCESS_DENIED:
      return new PortwardenError(
        'permission-denied',
        `Changing the persistent reservation of ${block} needs an elevated administrator: ` +
          'run Portwarden as administrator (right-click it, then "Run as administrator").',
        detail,
      )
    case Win32Error.ERROR_SHARING_VIOLATION:
      return new PortwardenError(
        'port-in-use',
        `${block} overlaps an existing reservation or a port in use; nothing was reserved.`,
        detail,
      )
    case Win32Error.ERROR_NOT_FOUND:
      return new PortwardenError(
        'not-found',
        `No persistent reservation of ${block} exists: lookup and delete need a block that ` +
          'starts and ends exactly where the reservation does (see the `*` rows of ' +
          '`netsh interface ipv4 show excludedportrange protocol=tcp`).',
        detail,
      )
    case Win32Error.ERROR_INVALID_PARAMETER:
      return new PortwardenError(
        'invalid-input',
        `Windows rejected ${block}: the block must be non-empty, end at or below 65535, ` +
          'and, to look up or delete a reservation, match its start and count exactly.',
        detail,
      )
    default:
      return new PortwardenError('internal', `Windows reported error ${code} for ${block}.`, detail)
  }
}

/** A wildcard acquire Windows could not satisfy from its dynamic range. */
export const noFreeBlockError = (protocol: Protocol, count: number, detail: string) =>
  new PortwardenError(
    'no-free-block',
    `Windows has no free block of ${count} contiguous ${protocol.toUpperCase()} ports to hand out.`,
    detail,
  )

/** Release of a token this process does not hold: already released, or never acquired here. */
export const unknownTokenError = (token: bigint, detail: string) =>
  new PortwardenError(
    'not-found',
    `No runtime reservation with token ${token} is held by Portwarden (already released, or never acquired by this process).`,
    detail,
  )
