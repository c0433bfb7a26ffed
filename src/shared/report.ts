import { z } from 'zod'
import { HolderRecord } from './holders'
import { DynamicPortRange, ReservedRange } from './inventory'
import { Port, Protocol, Token } from './model'
import { SocketEntry, SocketListing } from './sockets'
import { PortVerdict } from './verdict'

/** Bumped on any change a reader of an older report would misread. Documented in docs/report.md. */
export const REPORT_SCHEMA_VERSION = 1 as const

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
  message: z.string(),
  port: Port.optional(),
})
export type Conflict = z.infer<typeof Conflict>

export const Report = z.strictObject({
  schema: z.literal('portwarden-report'),
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  generatedAt: z.iso.datetime(),
  generator: z.string(),
  host: z.strictObject({
    hostname: z.string(),
    platform: z.string(),
    osRelease: z.string(),
    osVersion: z.string(),
    backend: z.string(),
    privileged: z.boolean(),
  }),
  /** Every running Portwarden and the runtime blocks it holds. */
  runtime: z.array(HolderRecord),
  persistent: z.array(PersistentReservation),
  reservedRanges: z.array(ReservedRange),
  dynamicRanges: z.array(DynamicPortRange),
  sockets: z.strictObject({
    source: SocketListing.shape.source,
    ownersComplete: z.boolean(),
    entries: z.array(SocketEntry),
  }),
  watched: z.array(PortVerdict),
  conflicts: z.array(Conflict),
})
export type Report = z.infer<typeof Report>

export const ReportFormat = z.enum(['json', 'csv', 'html'])
export type ReportFormat = z.infer<typeof ReportFormat>
