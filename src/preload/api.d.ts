import type { PortwardenApi } from './index'

declare global {
  interface Window {
    /** Portwarden's typed bridge to the main process (see src/preload/index.ts). */
    api: PortwardenApi
  }
}

export {}
