import type { KeyboardEvent } from 'react'

/** What a key pressed on a focused table row asks for. */
export type RowKeyAction = 'next' | 'previous' | 'first' | 'last' | 'open' | 'delete' | 'close'

const actions: Record<string, RowKeyAction> = {
  ArrowDown: 'next',
  ArrowUp: 'previous',
  Home: 'first',
  End: 'last',
  Enter: 'open',
  Delete: 'delete',
  Escape: 'close',
}

/**
 * The action for a key pressed on the row itself. Keys pressed on a control inside the row
 * (its Release button) are that control's: Enter there must press the button, not open details.
 */
export function rowKeyAction(e: KeyboardEvent<HTMLElement>): RowKeyAction | undefined {
  if (e.target !== e.currentTarget || e.altKey || e.ctrlKey || e.metaKey) return undefined
  return actions[e.key]
}

/** The index a move lands on, clamped to the list. */
export function movedIndex(action: RowKeyAction, index: number, length: number): number {
  switch (action) {
    case 'next':
      return Math.min(index + 1, length - 1)
    case 'previous':
      return Math.max(index - 1, 0)
    case 'first':
      return 0
    case 'last':
      return length - 1
    default:
      return index
  }
}
