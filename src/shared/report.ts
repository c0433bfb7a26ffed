import { z } from 'zod'
import { HolderRecord } from './holders'
import { DynamicPortRange, ReservedRange } from './inventory'
import { Port, Protocol, Token } from './model'
import { SocketEntry, SocketListing } from './sockets'
import { PortVerdict } from './verdict'

/** Bumped on any change a reader of an older report would misread. Documented in docs/report.md. */
export const REPORT_SCHEMA_VERSION = 1 as const

/**
 * Reports are read back from files anyone may hand over (`portwarden diff`, Compare) and are
 * rendered into HTML, CSV and terminals: every string and list in one is bounded. Names and
 * addresses are short in practice; messages and fixes are a few lines.
 */
export const MAX_REPORT_STRING = 4096
const Text = (max = 256) => z.string().max(max, `Longer than ${max} characters`)
const MAX_SOCKETS = 1 << 20

export const PersistentReservation = z.strictObject({
  protocol: Protocol,
  startPort: Port,
  count: z.number().int().min(1),
  /** Looked up when the report was made (Windows tokens may change at restart). */
  token: Token.optional(),
})
export type PersistentReservation = z.infer<typeof PersistentReservation>

export const Conflict = z.strictObject({
  kind: z.enum(['watched-port-blocked', 'reserved-in-dynamic', 'runtime-in-dynamic']),
  message: Text(MAX_REPORT_STRING),
  port: Port.optional(),
})
export type Conflict = z.infer<typeof Conflict>

/** The first string in `value` longer than `max`, as a path, or undefined. */
function longString(
  value: unknown,
  max: number,
  path: PropertyKey[] = [],
): PropertyKey[] | undefined {
  if (typeof value === 'string') return value.length > max ? path : undefined
  if (typeof value !== 'object' || value === null) return undefined
  for (const [key, v] of Object.entries(value)) {
    const found = longString(v, max, [...path, Array.isArray(value) ? Number(key) : key])
    if (found) return found
  }
  return undefined
}

export const Report = z
  .strictObject({
    schema: z.literal('portwarden-report'),
    schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
    generatedAt: z.iso.datetime(),
    generator: Text(),
    host: z.strictObject({
      hostname: Text(),
      platform: Text(32),
      osRelease: Text(),
      osVersion: Text(),
      backend: Text(64),
      privileged: z.boolean(),
    }),
    /** Every running Portwarden and the runtime blocks it holds. */
    runtime: z.array(HolderRecord).max(65_536),
    persistent: z.array(PersistentReservation).max(65_536),
    reservedRanges: z.array(ReservedRange).max(65_536),
    dynamicRanges: z.array(DynamicPortRange).max(16),
    sockets: z.strictObject({
      source: SocketListing.shape.source,
      ownersComplete: z.boolean(),
      entries: z.array(SocketEntry).max(MAX_SOCKETS),
    }),
    watched: z.array(PortVerdict).max(65_536 * 2),
    conflicts: z.array(Conflict).max(MAX_SOCKETS),
  })
  // The nested types (sockets, verdicts, ranges) belong to other contracts: one bound for all.
  .superRefine((report, ctx) => {
    const path = longString(report, MAX_REPORT_STRING)
    if (path)
      ctx.addIssue({ code: 'custom', path, message: `Longer than ${MAX_REPORT_STRING} characters` })
  })
export type Report = z.infer<typeof Report>

export const ReportFormat = z.enum(['json', 'csv', 'html'])
export type ReportFormat = z.infer<typeof ReportFormat>
