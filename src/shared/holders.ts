import { z } from 'zod'
import { RuntimeReservation } from './model'

/** A running Portwarden process (the app or a `portwarden reserve`) and the blocks it holds. */
export const HolderRecord = z.strictObject({
  pid: z.number().int().positive(),
  holder: z.enum(['app', 'cli']),
  startedAt: z.iso.datetime(),
  reservations: z.array(RuntimeReservation),
})
export type HolderRecord = z.infer<typeof HolderRecord>
