import { useEffect, useState } from 'react'
import type { ReserveRequest } from '../../../../shared/model'
import type { PortVerdict } from '../../../../shared/verdict'
import { describeError, ipc, type UiError } from '../../ipc/client'
import { useInventoryStore } from '../../stores/inventory-store'
import { useRuntimeStore } from '../../stores/runtime-store'

/** Larger blocks are not checked ahead: a verdict each would be slow to get and to read. */
export const MAX_CHECKED_PORTS = 1024
const DEBOUNCE_MS = 250

export type BlockCheck =
  | { state: 'idle' }
  /** No answer for this block yet (an answer for an older block is not shown as its). */
  | { state: 'checking'; request: ReserveRequest }
  | { state: 'done'; request: ReserveRequest; verdicts: PortVerdict[] }
  | { state: 'failed'; request: ReserveRequest; error: UiError }

/**
 * Verdicts for every port of a specific block while the user edits the form: debounced, and
 * asked again when the ports in use or our reservations change, so "all free" stays true.
 * Answers to an older request are dropped.
 */
export function useBlockCheck(request: ReserveRequest | undefined): BlockCheck {
  const takenAt = useInventoryStore((s) => s.status?.takenAt)
  const reservations = useRuntimeStore((s) => s.reservations)
  const [check, setCheck] = useState<Exclude<BlockCheck, { state: 'checking' }>>({
    state: 'idle',
  })
  const protocol = request?.protocol
  const start = request?.startPort ?? 0
  const count = request?.count ?? 0
  const wanted = protocol !== undefined && start > 0 && count <= MAX_CHECKED_PORTS

  useEffect(() => {
    if (!wanted) return
    const req: ReserveRequest = { protocol, startPort: start, count }
    let current = true
    const timer = setTimeout(() => {
      ipc.checkPorts({ protocol, ports: `${start}-${start + count - 1}` }).then(
        (verdicts) => current && setCheck({ state: 'done', request: req, verdicts }),
        (err: unknown) =>
          current && setCheck({ state: 'failed', request: req, error: describeError(err) }),
      )
    }, DEBOUNCE_MS)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [wanted, protocol, start, count, takenAt, reservations])

  if (!wanted) return { state: 'idle' }
  // Until the answer for this exact block arrives, an older one must not be shown as its.
  const same =
    check.state !== 'idle' &&
    check.request.protocol === protocol &&
    check.request.startPort === start &&
    check.request.count === count
  return same ? check : { state: 'checking', request: { protocol, startPort: start, count } }
}
