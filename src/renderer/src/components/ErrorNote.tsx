interface Props {
  error?: { kind: string; message: string; detail?: string }
  id?: string
}

/** A failed call's message, announced to screen readers, with the technical detail folded away. */
export function ErrorNote({ error, id }: Props) {
  if (!error) return null
  return (
    <div className="error-note" role="alert" id={id} data-kind={error.kind}>
      <span>{error.message}</span>
      {error.detail && (
        <details>
          <summary>Details</summary>
          <pre>{error.detail}</pre>
        </details>
      )}
    </div>
  )
}
