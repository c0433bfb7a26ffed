import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs'
import { dirname } from 'node:path'
import { Settings } from '../../shared/watch'
import { writeFileAtomic } from './write-atomic'

/**
 * The settings file, read once and written atomically once per change (an update that changes
 * nothing writes nothing). A file that cannot be
 * parsed is kept aside (settings.json.corrupt-<time>) rather than overwritten, so nothing the
 * user saved is silently lost.
 */
export class SettingsStore {
  private current: Settings

  /** Without a file (CLI, tests) settings live in memory only. */
  constructor(private readonly file?: string) {
    this.current = this.load()
  }

  get(): Settings {
    return this.current
  }

  update(change: (s: Settings) => Settings): Settings {
    const next = Settings.parse(change(structuredClone(this.current)))
    if (JSON.stringify(next) === JSON.stringify(this.current)) return this.current
    if (this.file) {
      mkdirSync(dirname(this.file), { recursive: true })
      writeFileAtomic(this.file, JSON.stringify(next, null, 2) + '\n', 0o600)
    }
    this.current = next
    return next
  }

  private load(): Settings {
    if (!this.file || !existsSync(this.file)) return Settings.parse({})
    try {
      return Settings.parse(JSON.parse(readFileSync(this.file, 'utf8')))
    } catch (err) {
      const aside = `${this.file}.corrupt-${Date.now()}`
      renameSync(this.file, aside)
      console.error(`Portwarden: settings file was unreadable, kept as ${aside}:`, err)
      return Settings.parse({})
    }
  }
}
