import type { RowFlash } from '../stores/row-flash'
import './row-flash.css'

/**
 * The class that flashes a row. Two identical animations per kind, picked by the push's
 * parity: a row that changes in two pushes in a row switches animation-name, which restarts
 * the animation without re-mounting the row.
 */
export function flashClass(flash: RowFlash | undefined): string {
  return flash ? `flash-${flash.kind}-${flash.seq % 2 ? 'a' : 'b'}` : ''
}

/** A removed row fading out: not focusable or clickable, and hidden from screen readers. */
export const GHOST_CLASS = 'row-removed'
