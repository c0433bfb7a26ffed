import { z } from 'zod'

/**
 * Who a process is beyond its pid: enough to tell it from a later process given the same pid
 * (start time within a boot), and what runs it, so a fix can stop the right thing.
 */
export const ProcessIdentity = z.strictObject({
  pid: z.number().int().positive(),
  /** Linux: field 22 of /proc/PID/stat, clock ticks since boot (a decimal string: it can pass 2^53). */
  startTicks: z
    .string()
    .regex(/^\d{1,20}$/)
    .optional(),
  /** Linux: /proc/sys/kernel/random/boot_id. */
  bootId: z.string().max(64).optional(),
  /** When the process started (ISO 8601). */
  startedAt: z.iso.datetime().optional(),
  uid: z.number().int().min(0).optional(),
  /** The systemd unit that runs it, e.g. "nginx.service". */
  service: z.string().max(256).optional(),
  /** The container it runs in (12-hex-digit id, as `docker ps` shows it). */
  container: z.strictObject({ runtime: z.enum(['docker', 'podman']), id: z.string() }).optional(),
})
export type ProcessIdentity = z.infer<typeof ProcessIdentity>
