import { CheckPageRequest, type CheckPage } from '../../shared/check-page'
import type { InventorySnapshot } from '../../shared/inventory'
import { parsePortSpec } from '../../shared/port-spec'
import { parseInput } from '../../shared/validate'
import { CheckRequest, type PortVerdict, type VerdictIntent } from '../../shared/verdict'
import type { PortVerdictService } from './verdict/port-verdict'

/**
 * Port checks as the IPC handlers ask for them: whole (a few ports) or a page at a time (long
 * lists such as 1-65535). The app runs them in the inventory worker (WorkerPortChecks), so
 * main's event loop never waits on tens of thousands of test binds; the CLI and tests run
 * them on their own thread (ThreadPortChecks).
 */
export interface PortChecks {
  check(request: CheckRequest): Promise<PortVerdict[]>
  page(request: CheckPageRequest): Promise<CheckPage>
}

const intentOf = (req: CheckRequest): VerdictIntent => ({
  protocol: req.protocol,
  ...(req.address === undefined ? {} : { address: req.address }),
  reuse: req.reuse ?? 'none',
})

/**
 * One page: the kernel is asked first for the page's ports (test binds), then the facts —
 * `reading` when the caller has just read the OS (the worker's own poll), else read here —
 * explain the answers.
 */
export function checkPage(
  verdicts: PortVerdictService,
  input: CheckPageRequest,
  reading?: InventorySnapshot,
): CheckPage {
  const req = parseInput(CheckPageRequest, input)
  const ports = parsePortSpec(req.ports)
  const slice = ports.slice(req.offset, req.offset + req.limit)
  const intent = intentOf(req)
  const probed = verdicts.probe(intent, slice) // the kernel first
  const page = verdicts.judge(verdicts.facts(reading), intent, probed)
  const next = req.offset + slice.length
  return next < ports.length
    ? { verdicts: page, totalPorts: ports.length, next }
    : { verdicts: page, totalPorts: ports.length }
}

/** Checks on the caller's thread (CLI, tests, and the app while its worker restarts). */
export class ThreadPortChecks implements PortChecks {
  constructor(private readonly verdicts: PortVerdictService) {}

  check(request: CheckRequest): Promise<PortVerdict[]> {
    return new Promise((resolve) => resolve(this.verdicts.check(request)))
  }

  page(request: CheckPageRequest): Promise<CheckPage> {
    return new Promise((resolve) => resolve(checkPage(this.verdicts, request)))
  }
}
