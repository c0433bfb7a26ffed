import { useState } from 'react'
import type { RuntimeReservation } from '../../../../shared/model'
import { formatSpan } from '../../../../shared/ranges'
import { labelOf, saveLabel, useBlockLabels } from './block-labels'

/** A block's label, edited in place: saved on Enter or when focus leaves, Escape puts it back. */
export function LabelField({ r, tabStop }: { r: RuntimeReservation; tabStop: boolean }) {
  const saved = useBlockLabels((s) => labelOf(s.labels, r))
  const [draft, setDraft] = useState<string>()
  const value = draft ?? saved
  const commit = () => {
    if (draft !== undefined && draft.trim() !== saved) void saveLabel(r, draft)
    setDraft(undefined)
  }
  return (
    <input
      className="label-field"
      aria-label={`Label for ${r.protocol.toUpperCase()} ${formatSpan(r)}`}
      placeholder="what it is for"
      maxLength={80}
      value={value}
      // Like the row's Release button: only the selected row's field is in the Tab order.
      tabIndex={tabStop ? 0 : -1}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      // The row acts only on keys pressed on the row itself, so typing here (Enter, Delete)
      // stays here, and page shortcuts (Ctrl+E, Ctrl+F) still work from this field.
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.currentTarget.blur()
        if (e.key === 'Escape') setDraft(undefined)
      }}
    />
  )
}
