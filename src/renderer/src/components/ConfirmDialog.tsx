import { useLayoutEffect, useRef, type ReactNode } from 'react'
import './confirm-dialog.css'

interface Props {
  title: string
  children?: ReactNode
  confirmLabel: string
  /** Disables both buttons while the action runs. */
  busy?: boolean
  onConfirm(): void
  onCancel(): void
}

/**
 * A modal <dialog> that asks before something destructive. Cancel has the focus at first, so
 * Enter alone never confirms; Esc cancels; the browser returns focus to the opener on close.
 */
export function ConfirmDialog({ title, children, confirmLabel, busy, onConfirm, onCancel }: Props) {
  const ref = useRef<HTMLDialogElement>(null)
  const cancelRef = useRef<HTMLButtonElement>(null)
  const unmounting = useRef(false)
  // A layout effect: its cleanup runs before React removes the <dialog>, so close() can still
  // hand focus back to whatever had it before the dialog opened.
  useLayoutEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    unmounting.current = false
    dialog.showModal()
    cancelRef.current?.focus()
    return () => {
      unmounting.current = true
      dialog.close()
    }
  }, [])
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby="confirm-title"
      // Esc closes the dialog natively: tell the parent. Not when the parent is closing it,
      // nor for the close of StrictMode's test unmount (the dialog is open again by then).
      onClose={() => {
        if (!unmounting.current && !ref.current?.open) onCancel()
      }}
    >
      <h2 id="confirm-title">{title}</h2>
      <div className="confirm-body">{children}</div>
      <div className="confirm-actions">
        <button
          ref={cancelRef}
          type="button"
          className="secondary"
          disabled={busy}
          onClick={onCancel}
        >
          Cancel
        </button>
        <button type="button" className="danger" disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  )
}
