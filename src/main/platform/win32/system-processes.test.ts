import koffi from 'koffi'
import { describe, expect, it } from 'vitest'
import {
  CREATE_TIME_OFFSET,
  IMAGE_NAME_OFFSET,
  PID_OFFSET,
  ProcessListError,
  STATUS_INFO_LENGTH_MISMATCH,
  SYSTEM_PROCESS_INFORMATION,
  SYSTEM_PROCESS_INFORMATION_SIZE,
  systemProcessReader,
  UNICODE_STRING,
  walkProcessEntries,
  type NtQuerySystemInformation,
} from './system-processes'

interface Proc {
  pid: number
  createTime: bigint
  name: string
  threads?: number
}

/** SYSTEM_THREAD_INFORMATION on x64: the walk skips over them, as NextEntryOffset says. */
const THREAD_SIZE = 80

/**
 * A SYSTEM_PROCESS_INFORMATION list laid out by hand, as the kernel writes it: each entry, its
 * threads, then its name, with ImageName.Buffer pointing at the name as an address `base`
 * bytes into memory. `pad` offsets entries like Wine does (2-byte, not 8-byte, alignment).
 */
function processList(procs: Proc[], base: bigint, pad = 2): Buffer {
  const parts: { at: number; p: Proc; nameAt: number }[] = []
  let at = 0
  for (const p of procs) {
    const nameAt = at + SYSTEM_PROCESS_INFORMATION_SIZE + (p.threads ?? 1) * THREAD_SIZE
    parts.push({ at, p, nameAt })
    at = nameAt + Buffer.byteLength(p.name, 'utf16le') + pad
  }
  const buf = Buffer.alloc(at)
  parts.forEach(({ at, p, nameAt }, i) => {
    const next = parts[i + 1]
    buf.writeUInt32LE(next ? next.at - at : 0, at)
    buf.writeUInt32LE(p.threads ?? 1, at + 4)
    buf.writeBigInt64LE(p.createTime, at + CREATE_TIME_OFFSET)
    const bytes = Buffer.byteLength(p.name, 'utf16le')
    buf.writeUInt16LE(bytes, at + IMAGE_NAME_OFFSET)
    buf.writeUInt16LE(bytes + 2, at + IMAGE_NAME_OFFSET + 2)
    buf.writeBigUInt64LE(bytes ? base + BigInt(nameAt) : 0n, at + IMAGE_NAME_OFFSET + 8)
    buf.writeBigUInt64LE(BigInt(p.pid), at + PID_OFFSET)
    buf.write(p.name, nameAt, 'utf16le')
  })
  return buf
}

const BASE = 0x7ff6_0000_0000n
const PROCS: Proc[] = [
  { pid: 0, createTime: 0n, name: '' },
  { pid: 4, createTime: 0n, name: 'System', threads: 3 },
  { pid: 4242, createTime: 133_000_000_000_000_001n, name: 'postgres.exe' },
  { pid: 7, createTime: 133_000_000_000_000_002n, name: 'привет.exe', threads: 0 },
]
const read = (buf: Buffer, used = buf.length, base = BASE) =>
  walkProcessEntries(buf, used, base).map((p) => ({
    pid: p.pid,
    createTime: p.createTime,
    name: p.imageName(),
  }))

describe('SYSTEM_PROCESS_INFORMATION layout (x64)', () => {
  it('is 256 bytes with CreateTime at 32, ImageName at 56 and UniqueProcessId at 80 (phnt)', () => {
    expect(koffi.sizeof(SYSTEM_PROCESS_INFORMATION)).toBe(256)
    expect(koffi.sizeof(UNICODE_STRING)).toBe(16)
    expect(koffi.offsetof(UNICODE_STRING, 'Buffer')).toBe(8)
    expect([CREATE_TIME_OFFSET, IMAGE_NAME_OFFSET, PID_OFFSET]).toEqual([32, 56, 80])
    expect(koffi.offsetof(SYSTEM_PROCESS_INFORMATION, 'PeakWorkingSetSize')).toBe(136)
  })
})

describe('walking the process list', () => {
  it('reads pid, creation time and name of every entry, at Wine-style unaligned offsets', () => {
    expect(read(processList(PROCS, BASE))).toEqual(PROCS.map(({ threads: _, ...p }) => p))
  })

  it('decodes a name only when asked', () => {
    const buf = processList(PROCS, BASE)
    const entries = walkProcessEntries(buf, buf.length, BASE)
    buf.write('XXXX', 0, 'latin1') // the walk already read every header; names are lazy
    expect(entries[2]?.imageName()).toBe('postgres.exe')
  })

  it('stops at the first NextEntryOffset of 0, ignoring whatever follows', () => {
    const buf = processList(PROCS, BASE)
    buf.writeUInt32LE(0, 0)
    expect(read(buf).map((p) => p.pid)).toEqual([0])
  })

  it('refuses a NextEntryOffset past the returned bytes, without reading beyond them', () => {
    const buf = processList(PROCS, BASE)
    buf.writeUInt32LE(buf.length + 4096, 0)
    expect(() => read(buf)).toThrow(ProcessListError)
    expect(() => read(buf)).toThrow(/runs past/)
  })

  it('refuses a NextEntryOffset shorter than an entry (no overlapping, endless walk)', () => {
    for (const next of [1, 8, SYSTEM_PROCESS_INFORMATION_SIZE - 1]) {
      const buf = processList(PROCS, BASE)
      buf.writeUInt32LE(next, 0)
      expect(() => read(buf)).toThrow(/shorter than an entry/)
    }
  })

  it('refuses a list truncated mid-entry, or shorter than one entry', () => {
    const buf = processList(PROCS, BASE)
    const third = buf.readUInt32LE(0) + buf.readUInt32LE(buf.readUInt32LE(0))
    expect(() => read(buf, third + 100)).toThrow(/runs past/)
    expect(() => read(buf, 10)).toThrow(/runs past/)
    expect(() => read(Buffer.alloc(0), 0)).toThrow(ProcessListError)
  })

  it('refuses an ImageName pointing outside the returned bytes (never dereferenced)', () => {
    const pointerAt = IMAGE_NAME_OFFSET + 8
    const outside = [BASE - 2n, BASE + 1_000_000n, 0x10n, 0xffff_ffff_ffff_fff0n]
    for (const pointer of outside) {
      const buf = processList(PROCS, BASE)
      const second = buf.readUInt32LE(0)
      buf.writeBigUInt64LE(pointer, second + pointerAt)
      expect(() => read(buf)).toThrow(/ImageName is not inside/)
    }
    // Inside the buffer but running past the bytes the call said it returned.
    const buf = processList(PROCS, BASE)
    expect(() => read(buf, buf.length - 4)).toThrow(/ImageName is not inside/)
  })

  it('refuses an odd ImageName length and a pid wider than a DWORD', () => {
    const odd = processList(PROCS, BASE)
    odd.writeUInt16LE(5, odd.readUInt32LE(0) + IMAGE_NAME_OFFSET)
    expect(() => read(odd)).toThrow(/ImageName/)
    const wide = processList(PROCS, BASE)
    wide.writeBigUInt64LE(1n << 40n, PID_OFFSET)
    expect(() => read(wide)).toThrow(/not a DWORD/)
  })
})

/**
 * A stand-in for ntdll's NtQuerySystemInformation (not Windows): it writes `procs` into the
 * caller's buffer, with ImageName pointers at the buffer's real address, and answers
 * STATUS_INFO_LENGTH_MISMATCH with the size needed when the buffer is too small.
 */
function fakeQuery(procs: () => Proc[], status?: () => number) {
  const calls: number[] = []
  const query: NtQuerySystemInformation = (cls, buf, length, returned) => {
    calls.push(length)
    expect(cls).toBe(5)
    const forced = status?.()
    if (forced !== undefined) return forced
    const list = processList(procs(), koffi.address(buf))
    returned[0] = list.length
    if (list.length > length) return STATUS_INFO_LENGTH_MISMATCH | 0
    list.copy(buf)
    return 0
  }
  return { query, calls }
}

describe('reading the process list through NtQuerySystemInformation (stand-in ntdll)', () => {
  it('reads through the real buffer address, and keeps its buffer between reads', () => {
    const { query, calls } = fakeQuery(() => PROCS)
    const readList = systemProcessReader(query)
    for (let i = 0; i < 2; i++) {
      expect(readList().map((p) => [p.pid, p.imageName()])).toEqual(
        PROCS.map((p) => [p.pid, p.name]),
      )
    }
    expect(calls).toEqual([512 * 1024, 512 * 1024])
  })

  it('grows the buffer on STATUS_INFO_LENGTH_MISMATCH to the size asked plus slack', () => {
    const many = Array.from({ length: 600 }, (_, i) => ({
      pid: 1000 + i,
      createTime: BigInt(i),
      name: `worker-${i}.exe`,
      threads: 8,
    }))
    const { query, calls } = fakeQuery(() => many)
    const readList = systemProcessReader(query)
    expect(readList()).toHaveLength(600)
    const needed = processList(many, 0n).length
    expect(calls).toEqual([512 * 1024, Math.ceil(needed * 1.25)])
    readList()
    expect(calls).toHaveLength(3) // the grown buffer is kept
  })

  it('gives up, with ProcessListError, on a failure status or a list that keeps growing', () => {
    const denied = fakeQuery(
      () => PROCS,
      () => 0xc0000022 | 0,
    ).query
    expect(() => systemProcessReader(denied)()).toThrow(/returned 0xc0000022/)
    const warning = fakeQuery(
      () => PROCS,
      () => 0x80000005 | 0,
    ).query
    expect(() => systemProcessReader(warning)()).toThrow(/returned 0x80000005/)
    // Every answer: the list is now twice the buffer (processes started between the reads).
    const calls: number[] = []
    const growing: NtQuerySystemInformation = (_cls, _buf, length, returned) => {
      calls.push(length)
      returned[0] = length * 2
      return STATUS_INFO_LENGTH_MISMATCH | 0
    }
    expect(() => systemProcessReader(growing)()).toThrow(ProcessListError)
    expect(calls).toHaveLength(6)
    // A size past 64 MiB is refused before it is allocated.
    const huge: NtQuerySystemInformation = (_cls, _buf, _length, returned) => {
      returned[0] = 100 * 1024 * 1024
      return STATUS_INFO_LENGTH_MISMATCH | 0
    }
    expect(() => systemProcessReader(huge)()).toThrow(/wants \d+ bytes/)
  })
})
