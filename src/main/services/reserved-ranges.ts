import { PortwardenError } from '../../shared/errors'
import { endPort, normalizeSpans, spansOverlap, type PortSpan } from '../../shared/ranges'
import { ReservedChange, type ReservedChangeResult } from '../../shared/reserved-change'
import { parseInput } from '../../shared/validate'
import type { PortBackend } from '../platform/backend'
import { refuseUnasked, reservedChangeQuestion, type ConfirmHostChange } from './confirm'
import { Elevation } from './elevation/elevate'
import { noElevation } from './elevation/runner'
import type { Inventory } from './inventory'

export interface ReservedRangeOptions {
  /** Asks the user before a change that needs it (see confirm.ts); default: refuse. */
  confirm?: ConfirmHostChange
  /** How an unprivileged Portwarden gets the change made; default: it cannot (says the command). */
  elevation?: Elevation
}

/**
 * Adds and removes administered reserved ranges. Main confirms what changes the host, then makes
 * the change itself when privileged, or through the elevated helper when not, and refreshes the
 * inventory at once.
 */
export class ReservedRangeService {
  private readonly confirm: ConfirmHostChange
  readonly elevation: Elevation

  constructor(
    private readonly backend: PortBackend,
    private readonly inventory: Inventory,
    options: ReservedRangeOptions = {},
  ) {
    this.confirm = options.confirm ?? refuseUnasked
    this.elevation =
      options.elevation ??
      new Elevation(noElevation('no elevation prompt is set up for this process'))
  }

  add(input: ReservedChange): Promise<ReservedChangeResult> {
    return this.change('add', input)
  }

  remove(input: ReservedChange): Promise<ReservedChangeResult> {
    return this.change('remove', input)
  }

  private async change(
    action: 'add' | 'remove',
    input: ReservedChange,
  ): Promise<ReservedChangeResult> {
    const { startPort, count, persist, protocol } = parseInput(ReservedChange, input)
    const editor = this.backend.reservedRangeEditor
    if (!editor) {
      throw new PortwardenError(
        'not-supported',
        'This system has no reserved port list Portwarden can change.',
      )
    }
    const span = { startPort, count }
    const privileged = this.backend.isPrivileged()
    const request = {
      action: action === 'add' ? ('reserved-add' as const) : ('reserved-remove' as const),
      startPort,
      count,
      persist,
      protocol,
    }
    // Nothing can make the change here: say the command to run at once, before any question.
    if (!privileged && this.elevation.info().method === 'none')
      await this.elevation.elevate(request)
    const question = reservedChangeQuestion(
      action,
      span,
      persist,
      this.dynamicRanges(),
      process.platform,
    )
    if (question && !(await this.confirm(question))) {
      throw new PortwardenError('cancelled', 'Not confirmed: nothing was changed.')
    }
    let result: ReservedChangeResult
    if (privileged) {
      const ranges = editor[action](span, persist, protocol)
      const persisted = editor.persisted?.()
      result = { ranges, elevated: false }
      if (persisted) {
        result.persisted = persisted
        if (action === 'remove') result.returnsAtBoot = clip(persisted, span)
      }
    } else {
      result = await this.elevation.elevate(request)
    }
    await this.inventory.refresh() // the table shows the change now, not a second later
    return result
  }

  private dynamicRanges() {
    try {
      return this.inventory.snapshot().dynamicRanges
    } catch {
      return this.backend.dynamicRanges?.() ?? []
    }
  }
}

/** The parts of `spans` inside `span`. */
function clip(spans: readonly PortSpan[], span: PortSpan): PortSpan[] {
  return normalizeSpans(
    spans
      .filter((s) => spansOverlap(s, span))
      .map((s) => {
        const start = Math.max(s.startPort, span.startPort)
        return { startPort: start, count: Math.min(endPort(s), endPort(span)) - start + 1 }
      }),
  )
}
