import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { HolderRecord } from '../../shared/holders'

/**
 * Runtime reservations live inside the process that holds their sockets, so other Portwarden
 * processes (`portwarden list`, the app) learn about them from one small file per holder in a
 * per-user directory. A holder killed with -9 leaves its file behind; readers drop files whose
 * process is gone (the kernel has freed the ports by then).
 */
export function holderDirectory(env: NodeJS.ProcessEnv = process.env): string {
  if (env['PORTWARDEN_STATE_DIR']) return env['PORTWARDEN_STATE_DIR']
  if (env['XDG_RUNTIME_DIR']) return join(env['XDG_RUNTIME_DIR'], 'portwarden')
  return join(tmpdir(), `portwarden-${process.getuid?.() ?? 'user'}`)
}

const fileOf = (dir: string, pid: number) => join(dir, `${pid}.json`)

/** Writes (atomically) or, when it holds nothing, removes this process's holder file. */
export function publishHolder(dir: string, record: HolderRecord): void {
  const file = fileOf(dir, record.pid)
  if (record.reservations.length === 0) {
    rmSync(file, { force: true })
    return
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const temp = `${file}.${process.pid}.tmp`
  writeFileSync(temp, JSON.stringify(record), { mode: 0o600 })
  renameSync(temp, file)
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM' // alive, but another user's
  }
}

/** Every live holder's record; stale files of dead processes are removed on the way. */
export function readHolders(dir: string): HolderRecord[] {
  let names: string[]
  try {
    names = readdirSync(dir).filter((n) => /^\d+\.json$/.test(n))
  } catch {
    return []
  }
  const records: HolderRecord[] = []
  for (const name of names) {
    const pid = Number(name.slice(0, -'.json'.length))
    if (!isAlive(pid)) {
      rmSync(join(dir, name), { force: true })
      continue
    }
    try {
      const parsed = HolderRecord.safeParse(JSON.parse(readFileSync(join(dir, name), 'utf8')))
      if (parsed.success && parsed.data.pid === pid) records.push(parsed.data)
    } catch {
      // Unreadable or half-written by a foreign tool: not ours to trust, skip it.
    }
  }
  return records.sort((a, b) => a.pid - b.pid)
}
