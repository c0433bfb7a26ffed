import koffi from 'koffi'
import { assertSize, once } from './ctypes'

/**
 * The rows of GetExtendedTcpTable / GetExtendedUdpTable (tcpmib.h, udpmib.h), each struct beside
 * its TS shape and size. Aliases such as DWORD come from ctypes.ts.
 */

// iphlpapi tables (tcpmib.h / udpmib.h): a DWORD count, then rows from offset 4. Addresses and
// ports are in network byte order; a port fills the low 16 bits of its DWORD.
export const MIB_TABLE_ROWS_OFFSET = 4

export interface MibTcpRowOwnerPid {
  dwState: number
  dwLocalAddr: number
  dwLocalPort: number
  dwRemoteAddr: number
  dwRemotePort: number
  dwOwningPid: number
}
export const MIB_TCPROW_OWNER_PID = assertSize(
  once('MIB_TCPROW_OWNER_PID', () =>
    koffi.struct('MIB_TCPROW_OWNER_PID', {
      dwState: 'DWORD',
      dwLocalAddr: 'DWORD',
      dwLocalPort: 'DWORD',
      dwRemoteAddr: 'DWORD',
      dwRemotePort: 'DWORD',
      dwOwningPid: 'DWORD',
    }),
  ),
  'MIB_TCPROW_OWNER_PID',
  24,
)

export interface MibTcp6RowOwnerPid {
  ucLocalAddr: number[]
  dwLocalScopeId: number
  dwLocalPort: number
  ucRemoteAddr: number[]
  dwRemoteScopeId: number
  dwRemotePort: number
  dwState: number
  dwOwningPid: number
}
const IN6_ADDR_BYTES = () => koffi.array('uint8_t', 16, 'Array')
export const MIB_TCP6ROW_OWNER_PID = assertSize(
  once('MIB_TCP6ROW_OWNER_PID', () =>
    koffi.struct('MIB_TCP6ROW_OWNER_PID', {
      ucLocalAddr: IN6_ADDR_BYTES(),
      dwLocalScopeId: 'DWORD',
      dwLocalPort: 'DWORD',
      ucRemoteAddr: IN6_ADDR_BYTES(),
      dwRemoteScopeId: 'DWORD',
      dwRemotePort: 'DWORD',
      dwState: 'DWORD',
      dwOwningPid: 'DWORD',
    }),
  ),
  'MIB_TCP6ROW_OWNER_PID',
  56,
)

export interface MibUdpRowOwnerPid {
  dwLocalAddr: number
  dwLocalPort: number
  dwOwningPid: number
}
export const MIB_UDPROW_OWNER_PID = assertSize(
  once('MIB_UDPROW_OWNER_PID', () =>
    koffi.struct('MIB_UDPROW_OWNER_PID', {
      dwLocalAddr: 'DWORD',
      dwLocalPort: 'DWORD',
      dwOwningPid: 'DWORD',
    }),
  ),
  'MIB_UDPROW_OWNER_PID',
  12,
)

export interface MibUdp6RowOwnerPid {
  ucLocalAddr: number[]
  dwLocalScopeId: number
  dwLocalPort: number
  dwOwningPid: number
}
export const MIB_UDP6ROW_OWNER_PID = assertSize(
  once('MIB_UDP6ROW_OWNER_PID', () =>
    koffi.struct('MIB_UDP6ROW_OWNER_PID', {
      ucLocalAddr: IN6_ADDR_BYTES(),
      dwLocalScopeId: 'DWORD',
      dwLocalPort: 'DWORD',
      dwOwningPid: 'DWORD',
    }),
  ),
  'MIB_UDP6ROW_OWNER_PID',
  28,
)
