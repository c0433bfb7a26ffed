import { useEffect, useState } from 'react'
import type { Protocol } from '../../../../shared/model'
import type { ProcessDetails } from '../../../../shared/process-actions'
import type { PortVerdict } from '../../../../shared/verdict'
import { describeError, ipc, type UiError } from '../../ipc/client'
import { useInventoryStore } from '../../stores/inventory-store'

export interface WhyAnswer {
  verdict?: PortVerdict
  service?: string
  /** Who holds it, by pid, as far as the OS lets us see. */
  holders: ProcessDetails[]
  error?: UiError
  loading: boolean
}

/** Every pid a verdict names: socket owners and other Portwardens. */
export function holderPids(v: PortVerdict | undefined): number[] {
  const pids = new Set<number>()
  for (const r of v?.reasons ?? []) {
    for (const o of r.owners ?? []) pids.add(o.pid)
    if (r.pid !== undefined) pids.add(r.pid)
  }
  return [...pids]
}

/**
 * The verdict for one port, its service name and who holds it; asked again whenever the inventory
 * changes (a process ended, a socket closed), so the answer follows the machine.
 */
export function useWhy(protocol: Protocol, port: number): WhyAnswer {
  const [answer, setAnswer] = useState<WhyAnswer>({ holders: [], loading: true })
  const takenAt = useInventoryStore((s) => s.status?.takenAt)
  useEffect(() => {
    let live = true
    void (async () => {
      try {
        const [verdict] = await ipc.checkPorts({ ports: String(port), protocol })
        const names = await ipc.serviceNames({ protocol, ports: [port] }).catch(() => ({}))
        const holders = await Promise.all(
          holderPids(verdict).map((pid) => ipc.processDetails(pid).catch(() => undefined)),
        )
        if (live)
          setAnswer({
            verdict,
            service: (names as Record<string, string>)[String(port)],
            holders: holders.filter((h) => h !== undefined),
            loading: false,
          })
      } catch (err) {
        if (live) setAnswer({ holders: [], error: describeError(err), loading: false })
      }
    })()
    return () => {
      live = false
    }
  }, [protocol, port, takenAt])
  return answer
}
