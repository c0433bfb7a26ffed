import koffi from 'koffi'
import { assertSize, once } from './ctypes'
import { lazyDll } from './lazy-dll'

/**
 * Every process's pid, creation time and image name from one NtQuerySystemInformation
 * (SystemProcessInformation) call: the list Toolhelp32 itself is built from, with the
 * creation time Toolhelp32 drops. pid + creation time identify a process across polls (a
 * reused pid has another creation time), so a cache can decode only the names of processes it
 * has not seen (process-names.ts). psutil reads the same list the same way
 * (psutil/arch/windows/proc_info.c, psutil_get_proc_info).
 */

/** winternl.h SYSTEM_INFORMATION_CLASS. */
export const SYSTEM_PROCESS_INFORMATION_CLASS = 5
/** ntstatus.h: the buffer is too small; ReturnLength says how large the list was. */
export const STATUS_INFO_LENGTH_MISMATCH = 0xc0000004
/** ntstatus.h: the same answer from some callers' paths (psutil accepts both). */
export const STATUS_BUFFER_TOO_SMALL = 0xc0000023

/** ntdef.h UNICODE_STRING on x64: Length, MaximumLength (bytes), 4 bytes of padding, Buffer. */
export const UNICODE_STRING = assertSize(
  once('UNICODE_STRING', () =>
    koffi.struct('UNICODE_STRING', {
      Length: 'uint16_t',
      MaximumLength: 'uint16_t',
      Buffer: 'uintptr_t',
    }),
  ),
  'UNICODE_STRING',
  16,
)

/**
 * SYSTEM_PROCESS_INFORMATION on x64 (and arm64), up to the thread array that follows each
 * entry, as phnt's ntexapi.h (winsiderss/phnt) and psutil's ntextapi.h declare it: CreateTime
 * at 32, ImageName at 56, UniqueProcessId at 80; 256 bytes. Fields Portwarden never reads are
 * declared anyway so the size check covers the whole layout.
 */
export const SYSTEM_PROCESS_INFORMATION = assertSize(
  once('SYSTEM_PROCESS_INFORMATION', () =>
    koffi.struct('SYSTEM_PROCESS_INFORMATION', {
      NextEntryOffset: 'uint32_t',
      NumberOfThreads: 'uint32_t',
      WorkingSetPrivateSize: 'int64_t',
      HardFaultCount: 'uint32_t',
      NumberOfThreadsHighWatermark: 'uint32_t',
      CycleTime: 'uint64_t',
      CreateTime: 'int64_t',
      UserTime: 'int64_t',
      KernelTime: 'int64_t',
      ImageName: 'UNICODE_STRING',
      BasePriority: 'int32_t',
      UniqueProcessId: 'uintptr_t',
      InheritedFromUniqueProcessId: 'uintptr_t',
      HandleCount: 'uint32_t',
      SessionId: 'uint32_t',
      UniqueProcessKey: 'uintptr_t',
      PeakVirtualSize: 'uintptr_t',
      VirtualSize: 'uintptr_t',
      PageFaultCount: 'uint32_t',
      PeakWorkingSetSize: 'uintptr_t',
      WorkingSetSize: 'uintptr_t',
      QuotaPeakPagedPoolUsage: 'uintptr_t',
      QuotaPagedPoolUsage: 'uintptr_t',
      QuotaPeakNonPagedPoolUsage: 'uintptr_t',
      QuotaNonPagedPoolUsage: 'uintptr_t',
      PagefileUsage: 'uintptr_t',
      PeakPagefileUsage: 'uintptr_t',
      PrivatePageCount: 'uintptr_t',
      ReadOperationCount: 'int64_t',
      WriteOperationCount: 'int64_t',
      OtherOperationCount: 'int64_t',
      ReadTransferCount: 'int64_t',
      WriteTransferCount: 'int64_t',
      OtherTransferCount: 'int64_t',
    }),
  ),
  'SYSTEM_PROCESS_INFORMATION',
  256,
)
export const SYSTEM_PROCESS_INFORMATION_SIZE = 256

/** A field's offset, checked against the header's: a wrong type above it fails on load. */
function offsetOf(field: string, expected: number): number {
  const actual = koffi.offsetof(SYSTEM_PROCESS_INFORMATION, field)
  if (actual !== expected) {
    throw new Error(`SYSTEM_PROCESS_INFORMATION.${field} at ${actual}, expected ${expected}`)
  }
  return actual
}
export const CREATE_TIME_OFFSET = offsetOf('CreateTime', 32)
export const IMAGE_NAME_OFFSET = offsetOf('ImageName', 56)
export const PID_OFFSET = offsetOf('UniqueProcessId', 80)
const NAME_BUFFER_OFFSET = IMAGE_NAME_OFFSET + koffi.offsetof(UNICODE_STRING, 'Buffer')

/** One process of the list. */
export interface SystemProcess {
  pid: number
  /** CreateTime: 100-ns intervals since 1601; with the pid, what makes this process this one. */
  createTime: bigint
  /**
   * Decodes ImageName ("node.exe"; "" for the idle process). It reads the reader's buffer, so
   * it is valid only until the next read: the cache calls it during the same refresh.
   */
  imageName(): string
}

/** The list could not be read, or its bytes do not hold together; callers use Toolhelp32. */
export class ProcessListError extends Error {
  override name = 'ProcessListError'
}

/**
 * The entries in buf[0, used). `base` is the address buf[0] had when the kernel filled it:
 * ImageName.Buffer points into the same buffer, and is only ever turned into an offset within
 * [0, used) — never dereferenced — so a bad pointer, a NextEntryOffset past the end or a
 * truncated buffer throws ProcessListError instead of reading stray memory. NextEntryOffset
 * is unsigned and must be at least one entry, so every step moves forward and the walk ends.
 * Entries need not be 8-aligned: Wine packs them at 2-byte offsets.
 */
export function walkProcessEntries(buf: Buffer, used: number, base: bigint): SystemProcess[] {
  const end = Math.min(used, buf.length)
  const out: SystemProcess[] = []
  for (let at = 0; ;) {
    if (at + SYSTEM_PROCESS_INFORMATION_SIZE > end) {
      throw new ProcessListError(`entry at ${at} runs past the ${end} bytes returned`)
    }
    const pid = buf.readBigUInt64LE(at + PID_OFFSET)
    if (pid > 0xffffffffn) throw new ProcessListError(`entry at ${at}: pid ${pid} is not a DWORD`)
    const length = buf.readUInt16LE(at + IMAGE_NAME_OFFSET)
    const pointer = buf.readBigUInt64LE(at + NAME_BUFFER_OFFSET)
    let nameAt = 0
    if (length > 0) {
      const offset = pointer - base
      if (length % 2 !== 0 || offset < 0n || offset + BigInt(length) > BigInt(end)) {
        throw new ProcessListError(`entry at ${at}: ImageName is not inside the returned bytes`)
      }
      nameAt = Number(offset)
    }
    out.push({
      pid: Number(pid),
      createTime: buf.readBigInt64LE(at + CREATE_TIME_OFFSET),
      imageName: () => buf.toString('utf16le', nameAt, nameAt + length),
    })
    const next = buf.readUInt32LE(at)
    if (next === 0) return out
    if (next < SYSTEM_PROCESS_INFORMATION_SIZE) {
      throw new ProcessListError(`entry at ${at}: NextEntryOffset ${next} is shorter than an entry`)
    }
    at += next
  }
}

/** NTSTATUS NtQuerySystemInformation(class, buffer, length, *returnLength). */
export type NtQuerySystemInformation = (
  infoClass: number,
  buffer: Buffer,
  length: number,
  returnLength: [number],
) => number

export function bindNtQuerySystemInformation(path = 'ntdll.dll'): NtQuerySystemInformation {
  const fn = lazyDll(path, {
    library: 'ntdll.dll is not available on this system.',
    func: (name) => `This system's ntdll.dll lacks ${name}.`,
  })
  return fn(
    'int32_t NtQuerySystemInformation(int infoClass, _Out_ void *buffer, uint32_t length, _Out_ uint32_t *returnLength)',
  )
}

/** First buffer: a desktop with ~300 processes and ~4,000 threads needs about 400 KiB. */
const INITIAL_BYTES = 512 * 1024
/** Past this something is wrong (a list that grows forever): give up, Toolhelp32 answers. */
const MAX_BYTES = 64 * 1024 * 1024
const MAX_ATTEMPTS = 6

/**
 * A reader of the process list that keeps its buffer between polls (like the socket poller's),
 * so a steady system costs one call and no allocation per poll. When the list has outgrown it,
 * the buffer grows to what Windows asked for plus a quarter, because processes and threads
 * started between two calls make it larger again.
 */
export function systemProcessReader(
  query: NtQuerySystemInformation = bindNtQuerySystemInformation(),
): () => SystemProcess[] {
  let buf: Buffer | undefined
  return () => {
    buf ??= Buffer.alloc(INITIAL_BYTES)
    const returned: [number] = [0]
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const status = query(SYSTEM_PROCESS_INFORMATION_CLASS, buf, buf.length, returned) >>> 0
      if (status === STATUS_INFO_LENGTH_MISMATCH || status === STATUS_BUFFER_TOO_SMALL) {
        const wanted = Math.ceil(Math.max(returned[0], buf.length) * 1.25)
        if (wanted > MAX_BYTES) throw new ProcessListError(`the list wants ${wanted} bytes`)
        buf = Buffer.alloc(wanted)
        continue
      }
      // NT_SUCCESS: the high bit clear.
      if (status >= 0x80000000) {
        throw new ProcessListError(`NtQuerySystemInformation returned 0x${status.toString(16)}`)
      }
      // ReturnLength is the bytes written; 0 would be odd, and then the walk's bounds still hold.
      const used = returned[0] > 0 ? returned[0] : buf.length
      return walkProcessEntries(buf, used, koffi.address(buf))
    }
    throw new ProcessListError(`the list kept growing for ${MAX_ATTEMPTS} reads`)
  }
}
