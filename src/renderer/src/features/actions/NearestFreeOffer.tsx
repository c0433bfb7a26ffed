import { useEffect, useState } from 'react'
import type { ReserveRequest } from '../../../../shared/model'
import type { NearestFreeAnswer } from '../../../../shared/process-actions'
import { ipc } from '../../ipc/client'

interface Props {
  /** The block that was refused (a specific start port). */
  refused?: ReserveRequest
  /** Reserves the block offered instead. */
  onPick(request: ReserveRequest): void
}

/**
 * After a refused Reserve of a specific block: the nearest block of the same size that the
 * kernel lets us bind now, one click away ("Reserve 50100–50199 instead").
 */
export function NearestFreeOffer({ refused, onPick }: Props) {
  const [answer, setAnswer] = useState<{ for: ReserveRequest; found: NearestFreeAnswer }>()
  useEffect(() => {
    if (!refused || refused.startPort === 0) return
    let live = true
    const { protocol, startPort, count } = refused
    ipc.nearestFree({ protocol, startPort, count }).then(
      (found) => live && setAnswer({ for: refused, found }),
      () => undefined, // no offer: the refusal itself is already shown
    )
    return () => {
      live = false
    }
  }, [refused])
  const found = answer?.for === refused ? answer?.found : undefined
  if (!refused || !found?.found) return null
  const end = found.startPort + found.count - 1
  const span = found.count === 1 ? `${found.startPort}` : `${found.startPort}–${end}`
  return (
    <button
      type="button"
      className="secondary nearest-offer"
      onClick={() =>
        onPick({ protocol: refused.protocol, startPort: found.startPort, count: found.count })
      }
    >
      Reserve {span} instead
    </button>
  )
}
