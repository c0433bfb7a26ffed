import { PortwardenError } from '../../../shared/errors'
import { lazyDll } from './lazy-dll'

/**
 * Runtime port reservations are used only from Windows 10 1809 / Server 2019 (build 17763) on:
 * msquic enables them from that build alone ("Only RS5 and newer can use the port reservation
 * feature safely", src/platform/datapath_winuser.c), and so does Portwarden.
 */
export const RUNTIME_RESERVATIONS_MIN_BUILD = 17763

/** winnt.h RTL_OSVERSIONINFOW: five ULONGs then WCHAR szCSDVersion[128]; 276 bytes. */
const RTL_OSVERSIONINFOW_SIZE = 276
const BUILD_OFFSET = 12

export interface OsVersion {
  major: number
  minor: number
  build: number
}

/**
 * The real Windows version from ntdll's RtlGetVersion, which compatibility shims cannot lie to
 * as they do to GetVersionEx (msquic reads it the same way, src/platform/platform_winuser.c).
 * https://learn.microsoft.com/windows-hardware/drivers/ddi/wdm/nf-wdm-rtlgetversion
 */
export function readOsVersion(path = 'ntdll.dll'): OsVersion {
  const fn = lazyDll(path, {
    library: 'ntdll.dll is not available on this system.',
    func: (name) => `This system's ntdll.dll lacks ${name}.`,
  })
  const rtlGetVersion = fn<(info: Buffer) => number>('int32_t RtlGetVersion(_Inout_ void *info)')
  const info = Buffer.alloc(RTL_OSVERSIONINFOW_SIZE)
  info.writeUInt32LE(RTL_OSVERSIONINFOW_SIZE, 0)
  const status = rtlGetVersion(info)
  if (status !== 0) {
    throw new PortwardenError(
      'internal',
      'Windows did not say which version it is.',
      `RtlGetVersion returned NTSTATUS 0x${(status >>> 0).toString(16)}`,
    )
  }
  return {
    major: info.readUInt32LE(4),
    minor: info.readUInt32LE(8),
    build: info.readUInt32LE(BUILD_OFFSET),
  }
}

/** Throws 'not-supported' below build 17763; `action` completes "Could not …". */
export function requireRuntimeReservations(build: number, action: string): void {
  if (build >= RUNTIME_RESERVATIONS_MIN_BUILD) return
  throw new PortwardenError(
    'not-supported',
    `Could not ${action}: runtime port reservations need Windows 10 version 1809 or ` +
      `Windows Server 2019 (build ${RUNTIME_RESERVATIONS_MIN_BUILD}) or later; this is build ${build}. ` +
      'Persistent reservations and every listing still work.',
    `RtlGetVersion build ${build} < ${RUNTIME_RESERVATIONS_MIN_BUILD}`,
  )
}
