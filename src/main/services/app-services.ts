import { hostname } from 'node:os'
import type { HolderRecord } from '../../shared/holders'
import type { AppInfo } from '../../shared/model'
import { createBackend, type PortBackend } from '../platform'
import { APP_VERSION } from './app-version'
import { describeBusyHolders } from './busy-holders'
import { holderDirectory, publishHolder, readHolders } from './holder-files'
import { DEFAULT_POLL_MS, InventoryService, type Inventory } from './inventory'
import { WorkerPortChecks } from './inventory-worker/worker-checks'
import { WorkerInventory, type WorkerInventoryOptions } from './inventory-worker/worker-inventory'
import { ThreadPortChecks, type PortChecks } from './port-checks'
import { ProcessActionsService, type ConfirmInMain, type ElevatedSignal } from './process-actions'
import { refuseUnasked, type ConfirmHostChange } from './confirm'
import { Elevation } from './elevation/elevate'
import { noElevation, type ElevationRunner } from './elevation/runner'
import { ReservedRangeService } from './reserved-ranges'
import { RuntimeReservationService } from './runtime-reservations'
import { BlockLabelService } from './block-labels'
import { SettingsStore } from './settings-store'
import { WatchService } from './watch'
import { PortVerdictService } from './verdict/port-verdict'

export interface AppServices {
  backend: PortBackend
  runtime: RuntimeReservationService
  inventory: Inventory
  verdicts: PortVerdictService
  /** Port checks for IPC: in the inventory worker when there is one, whole or page by page. */
  checks: PortChecks
  reserved: ReservedRangeService
  watch: WatchService
  /** Who a process is, ending it, closing a connection (row actions, `portwarden free`). */
  processes: ProcessActionsService
  /** What each block is for, kept in the settings file. */
  labels: BlockLabelService
  /** Blocks held by other running Portwarden processes. */
  otherHolders(): HolderRecord[]
  appInfo(): AppInfo
}

export interface AppServicesOptions {
  /** Test-only: a backend other than the one for this OS. */
  backend?: PortBackend
  appVersion?: string
  /** Announce this process's blocks to other Portwarden processes (see holder-files.ts). */
  publishAs?: 'app' | 'cli'
  holderDir?: string
  /** How often the inventory is read (default 1 s, or PORTWARDEN_POLL_MS). */
  pollIntervalMs?: number
  /**
   * Read the inventory in a worker thread (the app: out/main/inventory-worker.js), so main's
   * event loop never waits on the OS. Without it the caller's thread reads (CLI, tests).
   */
  inventoryWorker?: Omit<WorkerInventoryOptions, 'intervalMs'>
  /** The settings file (the app: userData/settings.json); in memory when absent. */
  settingsFile?: string
  /** Ending another user's process: the elevated helper and a native question asked first. */
  elevate?: ElevatedSignal
  confirmInMain?: ConfirmInMain
  /**
   * Asks the user before main changes the host (a native dialog in the app, the terminal or
   * `--yes` in the CLI, a recorder in tests). Without it such changes are refused.
   */
  confirm?: ConfirmHostChange
  /** How an unprivileged Portwarden runs its elevated helper (pkexec, UAC); none by default. */
  elevation?: ElevationRunner
}

/** Builds every service the app, the CLI and the e2e bridge share. No Electron here. */
export function createAppServices(options: AppServicesOptions = {}): AppServices {
  const backend = options.backend ?? createBackend()
  const dir = options.holderDir ?? holderDirectory()
  const otherHolders = () => readHolders(dir).filter((h) => h.pid !== process.pid)
  const runtime = new RuntimeReservationService(backend, undefined, (request) =>
    describeBusyHolders(request, backend.listSockets().sockets, otherHolders()),
  )
  const { publishAs } = options
  if (publishAs) {
    const startedAt = new Date().toISOString()
    runtime.onChange((reservations) =>
      publishHolder(dir, { pid: process.pid, holder: publishAs, startedAt, reservations }),
    )
  }
  const pollMs =
    options.pollIntervalMs ?? (Number(process.env['PORTWARDEN_POLL_MS']) || DEFAULT_POLL_MS)
  const inventory = options.inventoryWorker
    ? new WorkerInventory({
        fallbackBackend: backend,
        ...options.inventoryWorker,
        intervalMs: pollMs,
      })
    : new InventoryService(backend, pollMs)
  // One settings file, shared: watched ports and block labels.
  const settings = new SettingsStore(options.settingsFile)
  const verdicts = new PortVerdictService(backend, runtime, otherHolders)
  const onThread = new ThreadPortChecks(verdicts)
  const checks =
    inventory instanceof WorkerInventory
      ? new WorkerPortChecks(inventory, runtime, otherHolders, onThread)
      : onThread
  const confirm = options.confirm ?? refuseUnasked
  const elevation = new Elevation(
    options.elevation ?? noElevation('no elevation prompt is set up for this process'),
  )
  return {
    backend,
    runtime,
    inventory,
    verdicts,
    checks,
    otherHolders,
    processes: new ProcessActionsService(backend, {
      // Another user's process: the helper signals it only while it is still the process seen.
      elevate:
        options.elevate ??
        (options.elevation &&
          (async (pid, force, identity) => {
            await elevation.elevate({ action: 'kill', pid, identity, force })
          })),
      confirm:
        options.confirmInMain ??
        (options.confirm &&
          (async (message, detail) =>
            confirm({ title: 'Portwarden', message, detail, confirmLabel: 'End process' }))),
    }),
    watch: new WatchService(settings, verdicts, inventory),
    labels: new BlockLabelService(settings),
    reserved: new ReservedRangeService(backend, inventory, { confirm, elevation }),
    appInfo: () => ({
      appVersion: options.appVersion ?? APP_VERSION,
      platform: process.platform,
      backend: backend.id,
      privileged: backend.isPrivileged(),
      associateProbe: backend.associateProbeAvailable ?? false,
      hostname: hostname(),
      pid: process.pid,
      elevation: elevation.info(),
    }),
  }
}
