import { useCallback, useEffect, useRef, useState } from 'react'
import type { CompareResult } from '../../../../shared/export'
import { describeError, ipc } from '../../ipc/client'
import { dismissMessage, say, type Message } from '../actions/actions-store'
import { CompareView } from './CompareView'

/**
 * Export (button or Ctrl+E) and Compare, in the header as secondary actions; what they did is
 * said in the page's one message area, never in the header.
 */
export function ReportActions() {
  const [busy, setBusy] = useState(false)
  const [compare, setCompare] = useState<Extract<CompareResult, { compared: true }>>()
  const busyRef = useRef(false)

  const run = useCallback(async (action: 'export' | 'compare') => {
    if (busyRef.current) return
    busyRef.current = true
    setBusy(true)
    dismissMessage()
    let outcome: Message | undefined
    try {
      if (action === 'export') {
        const r = await ipc.exportReport()
        if (r.saved)
          outcome = { tone: 'ok', text: `Saved ${r.format.toUpperCase()} report to ${r.path}` }
      } else {
        const r = await ipc.compareReport()
        if (r.compared) setCompare(r)
      }
    } catch (err) {
      const error = describeError(err)
      outcome = {
        tone: 'error',
        text: `${action === 'export' ? 'Export' : 'Compare'} failed:`,
        error,
      }
    } finally {
      busyRef.current = false
      setBusy(false)
    }
    // Said once the next export may start: whoever sees this message can press Ctrl+E again.
    if (outcome) say(outcome)
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
        className="secondary"
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
      {compare && <CompareView result={compare} onClose={() => setCompare(undefined)} />}
    </div>
  )
}
