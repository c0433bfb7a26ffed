import type { Protocol } from '../../../shared/model'
import { LE, scanSockets } from './diag-scan'
import { openSockDiagSocket } from './netlink'

const TIME_WAIT_STATE = 1 << 6

/**
 * Milliseconds until the last TIME_WAIT socket on local `port` goes (inet_diag's idiag_expires,
 * 60 s at most on Linux); undefined when there is none. UDP has no TIME_WAIT.
 */
export function timeWaitLeftMs(protocol: Protocol, port: number): number | undefined {
  if (protocol !== 'tcp') return undefined
  let left: number | undefined
  const socket = openSockDiagSocket()
  try {
    for (const family of ['ipv4', 'ipv6'] as const) {
      scanSockets(socket, family, 'tcp', TIME_WAIT_STATE, (v, at) => {
        if (v.getUint8(at + 17) !== 6 || v.getUint16(at + 20) !== port) return
        const ms = v.getUint32(at + 68, LE)
        left = Math.max(left ?? 0, ms)
      })
    }
  } finally {
    socket.close()
  }
  return left
}
