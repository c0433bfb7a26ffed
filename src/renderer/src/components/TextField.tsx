import type { InputHTMLAttributes } from 'react'

interface Props extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'aria-invalid'> {
  label: string
  /** Where the inline error goes; the input is described by it. */
  errorId: string
  error?: string
  onValue(value: string): void
  labelClassName?: string
  /** 'alert' where the error should be announced as soon as it appears. */
  errorRole?: 'alert'
}

/** A labelled text input with its inline validation message, wired for screen readers. */
export function TextField({
  label,
  errorId,
  error,
  onValue,
  labelClassName,
  errorRole,
  ...input
}: Props) {
  return (
    <label className={labelClassName}>
      {label}
      <input
        {...input}
        aria-invalid={Boolean(error)}
        aria-describedby={errorId}
        onChange={(e) => onValue(e.target.value)}
      />
      <span className="field-error" id={errorId} role={errorRole}>
        {error}
      </span>
    </label>
  )
}
