import { hostname } from 'node:os'
import type { AppInfo } from '../../shared/model'
import { createBackend, type PortBackend } from '../platform'
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
}

/** Builds every service the app, the CLI and the e2e bridge share. No Electron here. */
export function createAppServices(options: AppServicesOptions = {}): AppServices {
  const backend = options.backend ?? createBackend()
  const runtime = new RuntimeReservationService(backend)
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
