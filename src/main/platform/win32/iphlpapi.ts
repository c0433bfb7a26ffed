import { lazyDll } from './lazy-dll'

/** Return codes Portwarden turns into specific errors (winerror.h). */
export const Win32Error = {
  NO_ERROR: 0,
  ERROR_ACCESS_DENIED: 5,
  ERROR_SHARING_VIOLATION: 32,
  ERROR_INVALID_PARAMETER: 87,
  ERROR_INSUFFICIENT_BUFFER: 122,
  ERROR_NOT_FOUND: 1168,
} as const

/** ULONG f(USHORT StartPort, USHORT NumberOfPorts, PULONG64 Token); StartPort in network order. */
type CreateOrLookup = (startPortBE: number, count: number, token: [number | bigint]) => number
type Delete = (startPortBE: number, count: number) => number
/** ULONG f(PVOID table, PDWORD size, BOOL order, ULONG af, int tableClass, ULONG reserved) */
type GetExtendedTable = (
  table: Buffer | null,
  size: [number],
  order: number,
  af: number,
  tableClass: number,
  reserved: number,
) => number

export interface Iphlpapi {
  /** https://learn.microsoft.com/windows/win32/api/iphlpapi/nf-iphlpapi-createpersistenttcpportreservation */
  CreatePersistentTcpPortReservation: CreateOrLookup
  /** https://learn.microsoft.com/windows/win32/api/iphlpapi/nf-iphlpapi-createpersistentudpportreservation */
  CreatePersistentUdpPortReservation: CreateOrLookup
  /** https://learn.microsoft.com/windows/win32/api/iphlpapi/nf-iphlpapi-lookuppersistenttcpportreservation */
  LookupPersistentTcpPortReservation: CreateOrLookup
  /** https://learn.microsoft.com/windows/win32/api/iphlpapi/nf-iphlpapi-lookuppersistentudpportreservation */
  LookupPersistentUdpPortReservation: CreateOrLookup
  /** https://learn.microsoft.com/windows/win32/api/iphlpapi/nf-iphlpapi-deletepersistenttcpportreservation */
  DeletePersistentTcpPortReservation: Delete
  /** https://learn.microsoft.com/windows/win32/api/iphlpapi/nf-iphlpapi-deletepersistentudpportreservation */
  DeletePersistentUdpPortReservation: Delete
  /** https://learn.microsoft.com/windows/win32/api/iphlpapi/nf-iphlpapi-getextendedtcptable */
  GetExtendedTcpTable: GetExtendedTable
  /** https://learn.microsoft.com/windows/win32/api/iphlpapi/nf-iphlpapi-getextendedudptable */
  GetExtendedUdpTable: GetExtendedTable
}

/**
 * Binds the IP Helper API from `path` ("iphlpapi.dll", or a stand-in DLL in tests). Each export
 * is bound on first call: Wine's iphlpapi lacks the persistent-reservation functions, and that
 * must fail only the feature that needs them, as 'not-supported'.
 */
export function bindIphlpapi(path = 'iphlpapi.dll'): Iphlpapi {
  const fn = lazyDll(path, {
    library: 'The IP Helper library (iphlpapi.dll) is not available on this system.',
    func: (name) =>
      /Persistent/.test(name)
        ? `Persistent port reservations are not supported on this system (its IP Helper library lacks ${name}).`
        : `This system's IP Helper library lacks ${name}.`,
  })
  const createOrLookup = (name: string) =>
    fn<CreateOrLookup>(`ULONG ${name}(USHORT start, USHORT count, _Out_ ULONG64 *token)`)
  const remove = (name: string) => fn<Delete>(`ULONG ${name}(USHORT start, USHORT count)`)
  const table = (name: string) =>
    fn<GetExtendedTable>(
      `ULONG ${name}(void *table, _Inout_ DWORD *size, BOOL order, ULONG af, int cls, ULONG reserved)`,
    )
  return {
    CreatePersistentTcpPortReservation: createOrLookup('CreatePersistentTcpPortReservation'),
    CreatePersistentUdpPortReservation: createOrLookup('CreatePersistentUdpPortReservation'),
    LookupPersistentTcpPortReservation: createOrLookup('LookupPersistentTcpPortReservation'),
    LookupPersistentUdpPortReservation: createOrLookup('LookupPersistentUdpPortReservation'),
    DeletePersistentTcpPortReservation: remove('DeletePersistentTcpPortReservation'),
    DeletePersistentUdpPortReservation: remove('DeletePersistentUdpPortReservation'),
    GetExtendedTcpTable: table('GetExtendedTcpTable'),
    GetExtendedUdpTable: table('GetExtendedUdpTable'),
  }
}
