import { hostname } from 'node:os'
import type { AppInfo } from '../../shared/model'
import { createBackend, type PortBackend } from '../platform'
import { holderDirectory, publishHolder } from './holder-files'
import { RuntimeReservationService } from './runtime-reservations'

export interface AppServices {
  backend: PortBackend
  runtime: RuntimeReservationService
  appInfo(): AppInfo
}

export interface AppServicesOptions {
  /** Test-only: a backend other than the one for this OS. */
  backend?: PortBackend
  appVersion?: string
  /** Announce this process's blocks to other Portwarden processes (see holder-files.ts). */
  publishAs?: 'app' | 'cli'
  holderDir?: string
}

/** Builds every service the app, the CLI and the e2e bridge share. No Electron here. */
export function createAppServices(options: AppServicesOptions = {}): AppServices {
  const backend = options.backend ?? createBackend()
  const runtime = new RuntimeReservationService(backend)
  const { publishAs } = options
  if (publishAs) {
    const dir = options.holderDir ?? holderDirectory()
    const startedAt = new Date().toISOString()
    runtime.onChange((reservations) =>
      publishHolder(dir, { pid: process.pid, holder: publishAs, startedAt, reservations }),
    )
  }
  return {
    backend,
    runtime,
    appInfo: () => ({
      appVersion: options.appVersion ?? '0.0.0',
      platform: process.platform,
      backend: backend.id,
      privileged: backend.isPrivileged(),
      hostname: hostname(),
      pid: process.pid,
    }),
  }
}
