import { useState, type FormEvent } from 'react'
import { watchedPortIssue } from '../../../../shared/form-checks'
import type { Protocol } from '../../../../shared/model'
import { ErrorNote } from '../../components/ErrorNote'
import { ProtocolSelect } from '../../components/ProtocolSelect'
import { TextField } from '../../components/TextField'
import { describeError, type UiError } from '../../ipc/client'
import { addWatched } from '../../stores/watch-store'

/** Add a port to watch: protocol, port and an optional label ("postgres"). */
export function WatchAddForm() {
  const [protocol, setProtocol] = useState<Protocol>('tcp')
  const [port, setPort] = useState('')
  const [label, setLabel] = useState('')
  const [fieldError, setFieldError] = useState<string>()
  const [error, setError] = useState<UiError>()
  const [pending, setPending] = useState(false)

  async function submit(e: FormEvent) {
    e.preventDefault()
    const watched = {
      protocol,
      port: port.trim() === '' ? Number.NaN : Number(port),
      label: label.trim() || undefined,
    }
    // The rules main's schema enforces, without loading zod into the page (form-checks.ts).
    const issue = watchedPortIssue(watched.port, watched.label)
    if (issue) {
      setFieldError(issue)
      return
    }
    setPending(true)
    setError(undefined)
    try {
      await addWatched(watched)
      setPort('')
      setLabel('')
    } catch (err) {
      setError(describeError(err))
    } finally {
      setPending(false)
    }
  }

  return (
    <form className="watch-form" aria-label="Watch a port" onSubmit={submit}>
      <ProtocolSelect value={protocol} onChange={setProtocol} />
      <TextField
        label="Port to watch"
        inputMode="numeric"
        placeholder="5432"
        value={port}
        errorId="watch-port-error"
        error={fieldError}
        onValue={(text) => {
          setPort(text)
          setFieldError(undefined)
        }}
      />
      <label>
        Label
        <input
          placeholder="postgres (optional)"
          maxLength={80}
          value={label}
          onChange={(e) => setLabel(e.target.value)}
        />
      </label>
      <button type="submit" disabled={pending}>
        {pending ? 'Adding…' : 'Watch'}
      </button>
      <ErrorNote error={error} id="watch-add-error" />
    </form>
  )
}
