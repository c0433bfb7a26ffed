import { useCallback, useEffect, useRef, useState } from 'react'
import type { CompareResult } from '../../../../shared/export'
import { ErrorNote } from '../../components/ErrorNote'
import { describeError, ipc, type UiError } from '../../ipc/client'
import { CompareView } from './CompareView'

type Outcome = { saved: string } | { error: UiError } | undefined

/** Export (button or Ctrl+E) and Compare, in the header. */
export function ReportActions() {
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome>()
  const [compare, setCompare] = useState<Extract<CompareResult, { compared: true }>>()
  const busyRef = useRef(false)

  const run = useCallback(async (action: 'export' | 'compare') => {
    if (busyRef.current) return
    busyRef.current = true
    setBusy(true)
    setOutcome(undefined)
    try {
      if (action === 'export') {
        const r = await ipc.exportReport()
        if (r.saved) setOutcome({ saved: `Saved ${r.format.toUpperCase()} report to ${r.path}` })
      } else {
        const r = await ipc.compareReport()
        if (r.compared) setCompare(r)
      }
    } catch (err) {
      setOutcome({ error: describeError(err) })
    } finally {
      busyRef.current = false
      setBusy(false)
    }
  }, [])

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'e') {
        e.preventDefault()
        void run('export')
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [run])

  return (
    <div className="report-actions">
      <button
        type="button"
        disabled={busy}
        onClick={() => void run('export')}
        aria-keyshortcuts="Control+E"
      >
        Export report…
      </button>
      <button
        type="button"
        className="secondary"
        disabled={busy}
        onClick={() => void run('compare')}
      >
        Compare…
      </button>
      <div className="report-outcome" aria-live="polite">
        {outcome && 'saved' in outcome && <span className="ok-note">{outcome.saved}</span>}
        {outcome && 'error' in outcome && <ErrorNote error={outcome.error} id="export-error" />}
      </div>
      {compare && <CompareView result={compare} onClose={() => setCompare(undefined)} />}
    </div>
  )
}
