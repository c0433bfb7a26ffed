import { useState, type FormEvent } from 'react'
import { formatPortList } from '../../../../shared/ranges'
import { terminalCommandText } from '../../../../shared/terminal-command'
import { CopyButton } from '../../components/CopyButton'
import { ErrorNote } from '../../components/ErrorNote'
import { TextField } from '../../components/TextField'
import { describeError, ipc, type UiError } from '../../ipc/client'
import { useAppInfoStore } from '../../stores/app-info-store'
import { elevationNote, PERSIST_FILE } from './elevation'
import { validateReservedForm, type ReservedFormValues } from './reserved-form-model'

const initial: ReservedFormValues = { startPort: '', count: '1', persist: false }

/**
 * Adds a reserved range (reserved:add). Without root or administrator rights it says how the
 * change will be made: through the elevated helper (main asks first), or — where no one can be
 * asked — by the exact command shown for the values typed.
 */
export function ReservedRangeEditor() {
  const info = useAppInfoStore((s) => s.info)
  const note = elevationNote(info)
  const [values, setValues] = useState(initial)
  const [touched, setTouched] = useState(false)
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<UiError>()
  const [done, setDone] = useState<string>()
  const check = validateReservedForm(values)
  const errors = touched && !check.ok ? check.errors : {}
  const update = (patch: Partial<ReservedFormValues>) => {
    setValues((v) => ({ ...v, ...patch }))
    setTouched(true)
  }

  async function submit(e: FormEvent) {
    e.preventDefault()
    setTouched(true)
    if (!check.ok || pending) return
    setPending(true)
    setError(undefined)
    setDone(undefined)
    try {
      const now = await ipc.addReserved(check.change)
      setDone(`Added. Reserved now: ${formatPortList(now.ranges) || 'none'}`)
    } catch (err) {
      setError(describeError(err))
    } finally {
      setPending(false)
    }
  }

  return (
    <form className="reserved-editor" aria-label="Add a reserved range" onSubmit={submit}>
      <fieldset aria-describedby={note ? 'elevate-note' : undefined}>
        <legend>Add a reserved range</legend>
        <TextField
          label="First port"
          inputMode="numeric"
          placeholder="1–65535"
          value={values.startPort}
          errorId="reserved-start-error"
          error={errors.startPort}
          onValue={(startPort) => update({ startPort })}
        />
        <TextField
          label="Number of ports"
          inputMode="numeric"
          value={values.count}
          errorId="reserved-count-error"
          error={errors.count}
          onValue={(count) => update({ count })}
        />
        <label className="checkbox" title={`Also writes ${PERSIST_FILE}`}>
          <input
            type="checkbox"
            checked={values.persist}
            onChange={(e) => update({ persist: e.target.checked })}
          />
          Persist across reboot
        </label>
        <button type="submit" disabled={pending || (touched && !check.ok)}>
          {pending ? 'Adding…' : 'Add range'}
        </button>
      </fieldset>
      {note && (
        <p className="elevate-note" id="elevate-note">
          <strong>{note.reason}</strong> {note.how}
        </p>
      )}
      {note && !note.canAsk && check.ok && (
        <TerminalCommand
          text={terminalCommandText({ action: 'reserved-add', ...check.change }, info!.platform)}
        />
      )}
      <div aria-live="polite">
        {done && !error && <span className="ok-note">{done}</span>}
        <ErrorNote error={error} id="reserved-add-error" />
      </div>
    </form>
  )
}

/** The command to run in a terminal instead, with a Copy button. */
export function TerminalCommand({ text }: { text: string }) {
  return (
    <p className="terminal-command">
      <code>{text}</code> <CopyButton text={text} label="Copy the command" />
    </p>
  )
}
