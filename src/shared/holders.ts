import { z } from 'zod'
import { RuntimeReservation } from './model'

/** A running Portwarden process (the app or a `portwarden reserve`) and the blocks it holds. */
export const HolderRecord = z.strictObject({
  pid: z
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
  holder: z.enum(['app', 'cli']),
  startedAt: z.iso.datetime(),
  /**
   * Linux: field 22 of /proc/PID/stat (start time in clock ticks since boot). With `bootId` it
   * names the process even after its pid is reused; a reader believes a record only while the
   * live process with that pid has this start time in this boot. Absent on Windows.
   */
  processStart: z
    .string()
    .regex(/^\d{1,20}$/)
    .optional(),
  /** Linux: /proc/sys/kernel/random/boot_id when the record was written. */
  bootId: z
    .string()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    .optional(),
  /**
   * The holder's user. Readers set it from the holder file's owner, checked against the live
   * process's user, so as root another user's Portwarden shows as that user's.
   */
  uid: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .optional(),
  reservations: z.array(RuntimeReservation).max(131_072),
})
export type HolderRecord = z.infer<typeof HolderRecord>

/** What a holder says about itself; the identity fields are filled in when it is published. */
export type HolderAnnouncement = Omit<HolderRecord, 'processStart' | 'bootId' | 'uid'>
