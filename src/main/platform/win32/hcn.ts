import koffi from 'koffi'
import type { Protocol } from '../../../shared/model'
import { assertSize, once } from './ctypes'
import { lazyDll } from './lazy-dll'

/**
 * Port reservations the Host Compute Network service (HNS) holds for WSL and Hyper-V guests:
 * WSL's mirrored networking reserves ports this way, with no socket GetExtendedTcpTable could
 * list, and a bind into one fails with WSAEADDRINUSE (10048).
 * https://learn.microsoft.com/virtualization/api/hcn/Reference/HcnEnumerateGuestNetworkPortReservations
 * (Windows 10 1809 / Server 2019 and later; ComputeNetwork.dll). Bound lazily: a Windows without
 * the DLL or the export (Home editions without the feature, Wine) reports "not available".
 */

/** ComputeNetwork.h HCN_PORT_PROTOCOL. */
const HCN_PORT_PROTOCOL_TCP = 1
const HCN_PORT_PROTOCOL_UDP = 2

/**
 * ComputeNetwork.h HCN_PORT_RANGE_ENTRY: two GUIDs, the protocol (an enum, 4 bytes), 4 bytes of
 * padding, Priority (UINT64, offset 40), ReservationType, SharingFlags, DeliveryMode, then
 * StartingPort (offset 60) and EndingPort (62), both inclusive; 64 bytes. The byte order of the
 * ports is not documented: they are read in host order (unverified; the real-Windows CI job
 * checks every entry is a well-formed range).
 */
export const HCN_PORT_RANGE_ENTRY = assertSize(
  once('HCN_PORT_RANGE_ENTRY', () =>
    koffi.struct('HCN_PORT_RANGE_ENTRY', {
      OwningPartitionId: koffi.array('uint8_t', 16),
      TargetPartitionId: koffi.array('uint8_t', 16),
      Protocol: 'int32_t',
      Priority: 'uint64_t',
      ReservationType: 'uint32_t',
      SharingFlags: 'uint32_t',
      DeliveryMode: 'uint32_t',
      StartingPort: 'uint16_t',
      EndingPort: 'uint16_t',
    }),
  ),
  'HCN_PORT_RANGE_ENTRY',
  64,
)
const ENTRY_SIZE = 64
const at = (field: string) => koffi.offsetof(HCN_PORT_RANGE_ENTRY, field)

export interface GuestPortReservation {
  protocols: Protocol[]
  startPort: number
  endPort: number
  /** The partition (host or guest VM) that holds the reservation, as a GUID. */
  owningPartition: string
  /** The partition the traffic is for. */
  targetPartition: string
  reservationType: number
  sharingFlags: number
}

export type GuestReservations =
  { available: true; reservations: GuestPortReservation[] } | { available: false; reason: string }

/** A GUID's 16 bytes (Data1, Data2, Data3 little-endian) as "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx". */
export function guidText(b: Buffer): string {
  const h = (n: number, w: number) => n.toString(16).padStart(w, '0')
  const tail = b.subarray(8, 16).toString('hex')
  return `${h(b.readUInt32LE(0), 8)}-${h(b.readUInt16LE(4), 4)}-${h(b.readUInt16LE(6), 4)}-${tail.slice(0, 4)}-${tail.slice(4)}`
}

/** `count` HCN_PORT_RANGE_ENTRY structs read from their bytes. */
export function decodeGuestReservations(bytes: Buffer, count: number): GuestPortReservation[] {
  return Array.from({ length: count }, (_, i) => {
    const e = bytes.subarray(i * ENTRY_SIZE, (i + 1) * ENTRY_SIZE)
    const proto = e.readInt32LE(at('Protocol'))
    const protocols: Protocol[] = []
    if (proto & HCN_PORT_PROTOCOL_TCP) protocols.push('tcp')
    if (proto & HCN_PORT_PROTOCOL_UDP) protocols.push('udp')
    return {
      protocols,
      startPort: e.readUInt16LE(at('StartingPort')),
      endPort: e.readUInt16LE(at('EndingPort')),
      owningPartition: guidText(e.subarray(0, 16)),
      targetPartition: guidText(e.subarray(16, 32)),
      reservationType: e.readUInt32LE(at('ReservationType')),
      sharingFlags: e.readUInt32LE(at('SharingFlags')),
    }
  })
}

/** Asks HNS for its guest port reservations; never throws. */
export function guestPortReservations(path = 'computenetwork.dll'): GuestReservations {
  const fn = lazyDll(path, {
    library: 'ComputeNetwork.dll (the Host Compute Network API) is not available on this system.',
    func: (name) => `This system's ComputeNetwork.dll lacks ${name}.`,
  })
  const enumerate = fn<(count: [number], entries: [unknown]) => number>(
    'int32_t HcnEnumerateGuestNetworkPortReservations(_Out_ uint32_t *count, _Out_ void **entries)',
  )
  const free = fn<(entries: unknown) => void>(
    'void HcnFreeGuestNetworkPortReservations(void *entries)',
  )
  try {
    const count: [number] = [0]
    const entries: [unknown] = [null]
    const hr = enumerate(count, entries)
    if (hr !== 0) {
      return {
        available: false,
        reason: `HcnEnumerateGuestNetworkPortReservations returned HRESULT 0x${(hr >>> 0).toString(16)} (is the Host Network Service running?)`,
      }
    }
    if (!entries[0] || count[0] === 0) return { available: true, reservations: [] }
    try {
      const bytes = Buffer.from(koffi.view(entries[0], count[0] * ENTRY_SIZE))
      return { available: true, reservations: decodeGuestReservations(bytes, count[0]) }
    } finally {
      free(entries[0])
    }
  } catch (err) {
    return { available: false, reason: err instanceof Error ? err.message : String(err) }
  }
}
