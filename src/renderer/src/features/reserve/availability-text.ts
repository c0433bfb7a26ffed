import type { PortVerdict, VerdictReason } from '../../../../shared/verdict'

/** How many blocking verdicts the form lists before "and N more". */
export const SHOWN_CONFLICTS = 3

export interface Availability {
  /** Every port can be bound now. */
  free: boolean
  summary: string
  /** The first ports that cannot be bound, each with why. */
  conflicts: { port: number; why: string }[]
  /** Ports that can be bound but that something else may take (dynamic range, reserved). */
  caveat?: string
}

const firstBlocking = (v: PortVerdict): VerdictReason =>
  v.reasons.find((r) => r.blocking) ?? v.reasons[0]!

/** The verdicts for a block, said in one line plus the first conflicts. */
export function describeAvailability(verdicts: readonly PortVerdict[]): Availability {
  const n = verdicts.length
  const blocked = verdicts.filter((v) => !v.bindable)
  const dynamic = verdicts.filter((v) => v.reasons.some((r) => r.code === 'dynamic')).length
  const reserved = verdicts.filter((v) => v.reasons.some((r) => r.code === 'reserved')).length
  const caveats = [
    dynamic &&
      `${dynamic} inside the dynamic range (bind(0) and outgoing connections may take them first)`,
    reserved && `${reserved} in a reserved range`,
  ].filter(Boolean)
  const caveat = caveats.length ? caveats.join('; ') : undefined
  if (blocked.length === 0) {
    return {
      free: true,
      summary: n === 1 ? 'The port is free' : `All ${n} ports free`,
      conflicts: [],
      caveat,
    }
  }
  return {
    free: false,
    summary: `${blocked.length} of ${n} port${n === 1 ? '' : 's'} cannot be bound`,
    conflicts: blocked
      .slice(0, SHOWN_CONFLICTS)
      .map((v) => ({ port: v.port, why: firstBlocking(v).message })),
    caveat,
  }
}
