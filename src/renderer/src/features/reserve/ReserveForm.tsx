import { useState, type FormEvent } from 'react'
import type { RuntimeReservation } from '../../../../shared/model'
import { formatSpan } from '../../../../shared/ranges'
import { ErrorNote } from '../../components/ErrorNote'
import { describeError, ipc } from '../../ipc/client'
import { validateReserveForm, type ReserveFormValues } from './reserve-form-model'

const initial: ReserveFormValues = { protocol: 'tcp', anyBlock: true, startPort: '', count: '10' }

/** Reserve a block: protocol, a start port or any free block, and a count. */
export function ReserveForm() {
  const [values, setValues] = useState(initial)
  const [touched, setTouched] = useState(false)
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<ReturnType<typeof describeError>>()
  const [last, setLast] = useState<RuntimeReservation>()
  const check = validateReserveForm(values)
  const fieldErrors = touched && !check.ok ? check.errors : {}
  const update = (patch: Partial<ReserveFormValues>) => {
    setValues((v) => ({ ...v, ...patch }))
    setTouched(true)
  }

  async function submit(e: FormEvent) {
    e.preventDefault()
    setTouched(true)
    if (!check.ok || pending) return
    setPending(true)
    setError(undefined)
    try {
      setLast(await ipc.reserve(check.request))
    } catch (err) {
      setLast(undefined)
      setError(describeError(err))
    } finally {
      setPending(false)
    }
  }

  return (
    <form className="reserve-form" aria-label="Reserve a block of ports" onSubmit={submit}>
      <label>
        Protocol
        <select
          name="protocol"
          value={values.protocol}
          onChange={(e) => update({ protocol: e.target.value as ReserveFormValues['protocol'] })}
        >
          <option value="tcp">TCP</option>
          <option value="udp">UDP</option>
        </select>
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          name="anyBlock"
          checked={values.anyBlock}
          onChange={(e) => update({ anyBlock: e.target.checked })}
        />
        Any free block
      </label>
      <label>
        Start port
        <input
          name="startPort"
          inputMode="numeric"
          placeholder={values.anyBlock ? 'chosen for you' : '1–65535'}
          disabled={values.anyBlock}
          value={values.anyBlock ? '' : values.startPort}
          aria-invalid={Boolean(fieldErrors.startPort)}
          aria-describedby="startPort-error"
          onChange={(e) => update({ startPort: e.target.value })}
        />
        <span className="field-error" id="startPort-error">
          {fieldErrors.startPort}
        </span>
      </label>
      <label>
        Count
        <input
          name="count"
          inputMode="numeric"
          value={values.count}
          aria-invalid={Boolean(fieldErrors.count)}
          aria-describedby="count-error"
          onChange={(e) => update({ count: e.target.value })}
        />
        <span className="field-error" id="count-error">
          {fieldErrors.count}
        </span>
      </label>
      <button type="submit" disabled={pending || (touched && !check.ok)}>
        {pending ? 'Reserving…' : 'Reserve'}
      </button>
      <div className="form-outcome" aria-live="polite">
        {last && !error && (
          <span className="ok-note">
            Reserved {last.protocol.toUpperCase()} {formatSpan(last)} (token {last.token})
          </span>
        )}
        <ErrorNote error={error} id="reserve-error" />
      </div>
    </form>
  )
}
