import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { PortwardenError } from '../../shared/errors'

const reasons: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'you have no permission to write there',
  EPERM: 'you have no permission to write there',
  EROFS: 'the file system is read-only',
  ENOENT: 'the folder does not exist (any more)',
  ENOTDIR: 'part of the path is not a folder',
  EISDIR: 'that path is a folder',
}

/**
 * Writes `data` to `file` all-or-nothing: a temp file in the same folder, flushed to disk, then
 * renamed over the target. On any failure the temp file is removed and the target is untouched.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array, mode = 0o644): void {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${Date.now()}.tmp`)
  let fd: number | undefined
  try {
    fd = openSync(temp, 'wx', mode)
    const bytes = typeof data === 'string' ? Buffer.from(data) : data
    for (let off = 0; off < bytes.length;) off += writeSync(fd, bytes, off, bytes.length - off)
    fsyncSync(fd)
    closeSync(fd)
    fd = undefined
    renameSync(temp, file)
  } catch (err) {
    if (fd !== undefined) closeSync(fd)
    try {
      rmSync(temp, { force: true })
    } catch {
      // the folder is out of reach: no temp file was made there
    }
    const code = (err as NodeJS.ErrnoException).code ?? ''
    throw new PortwardenError(
      reasons[code] && (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
        ? 'permission-denied'
        : 'internal',
      `Could not save ${file}: ${reasons[code] ?? 'the write failed'}. Nothing was written.`,
      String(err),
    )
  }
}
