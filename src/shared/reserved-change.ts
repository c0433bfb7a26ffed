import { z } from 'zod'
import { MAX_PORT, Port, Protocol } from './model'

export const PortSpan = z.strictObject({
  startPort: Port,
  count: z.number().int().min(1).max(MAX_PORT),
})

/** Add or remove a persistent reserved range (Linux: ip_local_reserved_ports). */
export const ReservedChange = z
  .strictObject({
    startPort: Port,
    count: z
      .number({ error: 'The count must be a number' })
      .int('The count must be a whole number')
      .min(1, 'A range holds at least 1 port')
      .max(MAX_PORT, `A range holds at most ${MAX_PORT} ports`),
    /** Linux: also write it to /etc/sysctl.d so it survives a reboot (Windows' always do). */
    persist: z.boolean().default(false),
    /** Windows: whose persistent reservation (default TCP). Linux's one list covers both. */
    protocol: Protocol.optional(),
  })
  .refine((r) => r.startPort + r.count - 1 <= MAX_PORT, {
    message: `The range runs past port ${MAX_PORT}`,
    path: ['count'],
  })
export type ReservedChange = z.input<typeof ReservedChange>

/** What a reserved-range change did. */
export const ReservedChangeResult = z.strictObject({
  /** The administered reserved ranges now (Linux: the live ip_local_reserved_ports). */
  ranges: z.array(PortSpan),
  /** Linux: Portwarden's own persisted set (its sysctl.d file) now; absent where there is none. */
  persisted: z.array(PortSpan).optional(),
  /**
   * Removed from the live list but still in the persisted set: these ports come back at the next
   * boot unless removed with persist too.
   */
  returnsAtBoot: z.array(PortSpan).optional(),
  /** Made through the elevated helper (pkexec / UAC), not by this process. */
  elevated: z.boolean(),
})
export type ReservedChangeResult = z.infer<typeof ReservedChangeResult>
