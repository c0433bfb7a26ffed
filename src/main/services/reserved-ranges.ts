import { PortwardenError } from '../../shared/errors'
import type { PortSpan } from '../../shared/ranges'
import { ReservedChange } from '../../shared/reserved-change'
import { parseInput } from '../../shared/validate'
import type { PortBackend } from '../platform/backend'
import type { Inventory } from './inventory'

/** Adds and removes administered reserved ranges, then refreshes the inventory at once. */
export class ReservedRangeService {
  constructor(
    private readonly backend: PortBackend,
    private readonly inventory: Inventory,
  ) {}

  add(input: ReservedChange): PortSpan[] {
    return this.change('add', input)
  }

  remove(input: ReservedChange): PortSpan[] {
    return this.change('remove', input)
  }

  private change(action: 'add' | 'remove', input: ReservedChange): PortSpan[] {
    const { startPort, count, persist, protocol } = parseInput(ReservedChange, input)
    const editor = this.backend.reservedRangeEditor
    if (!editor) {
      throw new PortwardenError(
        'not-supported',
        'This system has no reserved port list Portwarden can change.',
      )
    }
    if (!this.backend.isPrivileged()) {
      throw new PortwardenError(
        'permission-denied',
        'Changing reserved ports needs root (Linux) or an elevated administrator (Windows); nothing was changed.',
      )
    }
    const result = editor[action]({ startPort, count }, persist, protocol)
    void this.inventory.refresh() // the table shows the change now, not a second later
    return result
  }
}
