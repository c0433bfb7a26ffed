import { useState, type FormEvent, type Ref } from 'react'
import type { ReserveRequest, RuntimeReservation } from '../../../../shared/model'
import { formatSpan } from '../../../../shared/ranges'
import { ErrorNote } from '../../components/ErrorNote'
import { ProtocolSelect } from '../../components/ProtocolSelect'
import { TextField } from '../../components/TextField'
import { describeError, ipc, type UiError } from '../../ipc/client'
import { updateReserveForm, useReserveFormStore } from '../../stores/reserve-form-store'
import { selectRow } from '../../stores/ui-store'
import { NearestFreeOffer } from '../actions/NearestFreeOffer'
import { BlockAvailability } from './BlockAvailability'
import { validateReserveForm, type ReserveFormValues } from './reserve-form-model'
import './reserve.css'

interface Props {
  /** The Reserve button, so the table can hand focus back here when its last row goes. */
  submitRef?: Ref<HTMLButtonElement>
}

/**
 * Reserve a block: protocol, a start port or any free block, and a count. Shows whether a
 * specific block is free before it is asked for, and the result or the error after.
 */
export function ReserveForm({ submitRef }: Props) {
  const values = useReserveFormStore((s) => s.values)
  const touched = useReserveFormStore((s) => s.touched)
  const prefilledSeq = useReserveFormStore((s) => s.prefilledSeq)
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<UiError>()
  const [last, setLast] = useState<RuntimeReservation>()
  /** The specific block last refused, for the nearest free one to be offered instead. */
  const [refused, setRefused] = useState<ReserveRequest>()
  const check = validateReserveForm(values)
  const fieldErrors = touched && !check.ok ? check.errors : {}
  // A result or refusal answers the form as it was: it goes as soon as an input changes.
  const update = (patch: Partial<ReserveFormValues>) => {
    updateReserveForm(patch)
    setLast(undefined)
    setError(undefined)
    setRefused(undefined)
  }
  // Fields the map just filled flash once; the class alternates so each fill restarts it.
  const prefilled = prefilledSeq ? `prefilled-${prefilledSeq % 2 ? 'a' : 'b'}` : undefined

  async function submit(e: FormEvent) {
    e.preventDefault()
    useReserveFormStore.setState({ touched: true })
    if (check.ok) await reserve(check.request)
  }

  async function reserve(request: ReserveRequest) {
    if (pending) return
    setPending(true)
    setError(undefined)
    setRefused(undefined)
    try {
      const held = await ipc.reserve(request)
      setLast(held)
      selectRow('runtime', held.token) // the new row is the table's tab stop
    } catch (err) {
      setLast(undefined)
      setError(describeError(err))
      if (request.startPort !== 0) setRefused(request)
    } finally {
      setPending(false)
    }
  }

  return (
    <form className="reserve-form" aria-label="Reserve a block of ports" onSubmit={submit}>
      <ProtocolSelect
        name="protocol"
        value={values.protocol}
        onChange={(protocol) => update({ protocol })}
      />
      <label className="checkbox">
        <input
          type="checkbox"
          name="anyBlock"
          checked={values.anyBlock}
          onChange={(e) => update({ anyBlock: e.target.checked })}
        />
        Any free block
      </label>
      <TextField
        label="Start port"
        labelClassName={prefilled}
        name="startPort"
        inputMode="numeric"
        placeholder={values.anyBlock ? 'chosen for you' : '1–65535'}
        disabled={values.anyBlock}
        value={values.anyBlock ? '' : values.startPort}
        errorId="startPort-error"
        error={fieldErrors.startPort}
        onValue={(startPort) => update({ startPort })}
      />
      <TextField
        label="Count"
        labelClassName={prefilled}
        name="count"
        inputMode="numeric"
        value={values.count}
        errorId="count-error"
        error={fieldErrors.count}
        onValue={(count) => update({ count })}
      />
      <button ref={submitRef} type="submit" disabled={pending || (touched && !check.ok)}>
        {pending ? 'Reserving…' : 'Reserve'}
      </button>
      <BlockAvailability request={check.ok ? check.request : undefined} />
      <div className="form-outcome" aria-live="polite">
        {last && !error && (
          <span className="ok-note">
            Reserved {last.protocol.toUpperCase()} {formatSpan(last)} (token {last.token})
          </span>
        )}
        <ErrorNote error={error} id="reserve-error" />
        <NearestFreeOffer
          refused={refused}
          onPick={(request) => {
            update({ anyBlock: false, startPort: String(request.startPort) })
            void reserve(request)
          }}
        />
      </div>
    </form>
  )
}
