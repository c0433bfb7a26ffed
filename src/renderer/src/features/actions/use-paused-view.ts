import { useState } from 'react'

/**
 * The value as it was when `paused` turned on, until it turns off again: the list stops moving
 * under the user's eyes (TCPView's Space) while the store keeps up with the machine.
 */
export function usePausedView<T>(live: T, paused: boolean): T {
  const [snap, setSnap] = useState({ paused, value: live })
  // Adjusted during render, as React advises for state derived from props.
  if (snap.paused !== paused) setSnap({ paused, value: live })
  return paused ? snap.value : live
}
