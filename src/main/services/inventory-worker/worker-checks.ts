import type { CheckPage, CheckPageRequest } from '../../../shared/check-page'
import type { HolderRecord } from '../../../shared/holders'
import type { CheckRequest, PortVerdict } from '../../../shared/verdict'
import type { PortChecks } from '../port-checks'
import type { RuntimeReservationService } from '../runtime-reservations'
import type { CheckJob } from './messages'
import type { WorkerInventory } from './worker-inventory'

/**
 * The app's port checks: run in the inventory worker, with this process's blocks and other
 * Portwardens' sent along. While the worker is not up (starting, restarting) they run on
 * main's thread instead, a page at most at a time, rather than fail.
 */
export class WorkerPortChecks implements PortChecks {
  constructor(
    private readonly worker: WorkerInventory,
    private readonly runtime: RuntimeReservationService,
    private readonly otherHolders: () => HolderRecord[],
    private readonly fallback: PortChecks,
  ) {}

  check(request: CheckRequest): Promise<PortVerdict[]> {
    const asked = this.worker.runCheck(this.job({ whole: request }))
    return (asked as Promise<PortVerdict[]> | undefined) ?? this.fallback.check(request)
  }

  page(request: CheckPageRequest): Promise<CheckPage> {
    const asked = this.worker.runCheck(this.job({ page: request }))
    return (asked as Promise<CheckPage> | undefined) ?? this.fallback.page(request)
  }

  private job(request: CheckJob['request']): CheckJob {
    return { request, ours: this.runtime.list(), otherHolders: this.otherHolders() }
  }
}
