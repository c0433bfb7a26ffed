import { PortwardenError } from '../../shared/errors'
import type { PortBackend } from './backend'
import { createLinuxBackend } from './linux'
import { createWin32Backend } from './win32'

/** Picks the backend for this OS. Tests may pass their own platform name. */
export function createBackend(platform: NodeJS.Platform = process.platform): PortBackend {
  switch (platform) {
    case 'linux':
      return createLinuxBackend()
    case 'win32':
      return createWin32Backend()
    default:
      throw new PortwardenError(
        'not-supported',
        `Portwarden has no backend for ${platform} yet.`,
        `process.platform = ${platform}`,
      )
  }
}

export type { AcquiredBlock, PortBackend } from './backend'
