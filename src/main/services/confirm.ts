import type { DynamicPortRange } from '../../shared/inventory'
import { endPort, formatSpan, type PortSpan } from '../../shared/ranges'

/**
 * What main asks the user before it changes the host: the app shows it in a native dialog (not
 * in the page, which a compromised renderer could skip), the CLI on its terminal or takes
 * `--yes`, tests record it. Services get the asking function injected.
 */
export interface HostChangeQuestion {
  title: string
  message: string
  detail: string
  /** The button that goes ahead, e.g. "Reserve 1–65535". */
  confirmLabel: string
}
export type ConfirmHostChange = (question: HostChangeQuestion) => boolean | Promise<boolean>

/** Where nothing can ask (no window, no terminal): every change that needs a yes is refused. */
export const refuseUnasked: ConfirmHostChange = () => false

/** A range wider than this is confirmed (a typo of one digit can reserve half the port space). */
export const LARGE_RANGE = 1000

/**
 * The question a reserved-range change needs, or undefined when it needs none: one that
 * overlaps the dynamic range (outgoing connections take their ports from there), spans more than
 * 1,000 ports, or persists (comes back at every boot — Windows' always do).
 */
export function reservedChangeQuestion(
  action: 'add' | 'remove',
  span: PortSpan,
  persist: boolean,
  dynamic: readonly DynamicPortRange[],
  platform: string,
): HostChangeQuestion | undefined {
  const range = formatSpan(span)
  const persistent = persist || platform === 'win32'
  const reasons: string[] = []
  if (action === 'add') {
    const overlap = dynamic.find((d) => span.startPort <= d.endPort && endPort(span) >= d.startPort)
    if (overlap) {
      reasons.push(
        `It overlaps the dynamic range ${overlap.startPort}–${overlap.endPort}, from which ` +
          'outgoing connections take their local ports: reserving much of it makes connections fail.',
      )
    }
    if (span.count > LARGE_RANGE)
      reasons.push(`It covers ${span.count.toLocaleString('en')} ports.`)
    if (persistent) reasons.push('It is kept across reboots.')
  } else if (persistent) {
    reasons.push('It is also removed from the ranges kept across reboots.')
  }
  if (!reasons.length) return undefined
  const verb = action === 'add' ? 'Reserve' : 'Stop reserving'
  return {
    title: 'Portwarden: change reserved ports',
    message: `${verb} ports ${range}?`,
    detail: `${reasons.join(' ')} This changes a system-wide setting for every program on this computer.`,
    confirmLabel: `${verb} ${range}`,
  }
}
