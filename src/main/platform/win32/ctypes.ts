import koffi, { type TypeObject } from 'koffi'

/**
 * Windows C types Portwarden passes through koffi, in one place: the aliases the bindings use
 * in their prototypes, and each struct beside its TS shape and its size (x64 layout, checked on
 * load so a wrong field type fails loudly instead of corrupting memory).
 */

/**
 * Defines a named koffi type once per process. koffi's type registry is process-wide, so a
 * second evaluation of this module (vitest re-runs modules per test file) reuses the first.
 */
export function once(name: string, define: () => TypeObject): TypeObject {
  try {
    return koffi.type(name)
  } catch {
    return define()
  }
}

export function assertSize(type: TypeObject, name: string, expected: number): TypeObject {
  const actual = koffi.sizeof(type)
  if (actual !== expected) throw new Error(`${name} is ${actual} bytes, expected ${expected}`)
  return type
}

// Handles are pointer-sized; koffi hands a uintptr back as a number, or a BigInt past 2^53.
export const SOCKET = once('SOCKET', () => koffi.alias('SOCKET', 'uintptr_t'))
export const DWORD = once('DWORD', () => koffi.alias('DWORD', 'uint32_t'))
export const ULONG = once('ULONG', () => koffi.alias('ULONG', 'uint32_t'))
export const USHORT = once('USHORT', () => koffi.alias('USHORT', 'uint16_t'))
export const WORD = once('WORD', () => koffi.alias('WORD', 'uint16_t'))
export const ULONG64 = once('ULONG64', () => koffi.alias('ULONG64', 'uint64_t'))
export const BOOL = once('BOOL', () => koffi.alias('BOOL', 'int32_t'))
export const UINT = once('UINT', () => koffi.alias('UINT', 'uint32_t'))

/** mstcpip.h: a block of ports. StartPort is big-endian in memory (network order), so koffi swaps it. */
export interface InetPortRange {
  StartPort: number
  NumberOfPorts: number
}
export const INET_PORT_RANGE_SIZE = 4
export const INET_PORT_RANGE = assertSize(
  once('INET_PORT_RANGE', () =>
    koffi.struct('INET_PORT_RANGE', { StartPort: 'uint16_be_t', NumberOfPorts: 'uint16_t' }),
  ),
  'INET_PORT_RANGE',
  INET_PORT_RANGE_SIZE,
)

/** mstcpip.h: the OS's handle on a reservation; 0 is never a valid token. */
export interface InetPortReservationToken {
  Token: number | bigint
}
export const INET_PORT_RESERVATION_TOKEN_SIZE = 8
export const INET_PORT_RESERVATION_TOKEN = assertSize(
  once('INET_PORT_RESERVATION_TOKEN', () =>
    koffi.struct('INET_PORT_RESERVATION_TOKEN', { Token: 'ULONG64' }),
  ),
  'INET_PORT_RESERVATION_TOKEN',
  INET_PORT_RESERVATION_TOKEN_SIZE,
)

/** mstcpip.h: what SIO_ACQUIRE_PORT_RESERVATION writes back; 8-aligned, Token at offset 8. */
export interface InetPortReservationInstance {
  Reservation: InetPortRange
  Token: InetPortReservationToken
}
export const INET_PORT_RESERVATION_INSTANCE_SIZE = 16
export const INET_PORT_RESERVATION_INSTANCE = assertSize(
  once('INET_PORT_RESERVATION_INSTANCE', () =>
    koffi.struct('INET_PORT_RESERVATION_INSTANCE', {
      Reservation: 'INET_PORT_RANGE',
      Token: 'INET_PORT_RESERVATION_TOKEN',
    }),
  ),
  'INET_PORT_RESERVATION_INSTANCE',
  INET_PORT_RESERVATION_INSTANCE_SIZE,
)

/** winsock2.h WSADATA on x64. Portwarden never reads it, so it is an opaque buffer. */
export const WSADATA_SIZE = 408

/** ws2def.h SOCKADDR_IN: family (host order), port (network order), IPv4 address, 8 zero bytes. */
export const SOCKADDR_IN_SIZE = 16

/** A 64-bit value from koffi (a number when it fits in 2^53, a BigInt otherwise) as a bigint. */
export const toU64 = (v: number | bigint): bigint => (typeof v === 'bigint' ? v : BigInt(v))

/** Network byte order for a port passed by value (a USHORT parameter, not a struct field). */
export const htons = (port: number): number => ((port & 0xff) << 8) | ((port >> 8) & 0xff)
