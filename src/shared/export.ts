import { z } from 'zod'

export const ExportResult = z.discriminatedUnion('saved', [
  z.strictObject({
    saved: z.literal(true),
    path: z.string(),
    format: z.enum(['json', 'csv', 'html', 'pdf']),
    bytes: z.number().int().min(0),
  }),
  z.strictObject({ saved: z.literal(false) }),
])
export type ExportResult = z.infer<typeof ExportResult>

export const ReportDiffEntry = z.strictObject({
  section: z.string(),
  added: z.array(z.string()),
  removed: z.array(z.string()),
})

export const CompareResult = z.discriminatedUnion('compared', [
  z.strictObject({
    compared: z.literal(true),
    path: z.string(),
    /** When the older report was made. */
    before: z.iso.datetime(),
    sections: z.array(ReportDiffEntry),
  }),
  z.strictObject({ compared: z.literal(false) }),
])
export type CompareResult = z.infer<typeof CompareResult>
