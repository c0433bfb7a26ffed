import { z } from 'zod'
import { MAX_PORT } from './ports'

/** Highest TCP/UDP port number (defined in ports.ts, which the renderer imports). */
export { MAX_PORT }
/** Largest value an opaque 64-bit reservation token can take. */
export const MAX_TOKEN = 2n ** 64n - 1n

export const Protocol = z.enum(['tcp', 'udp'], { error: 'The protocol must be "tcp" or "udp"' })
export type Protocol = z.infer<typeof Protocol>

export const Port = z
  .number({ error: 'A port must be a number' })
  .int('A port must be a whole number')
  .min(1, 'Ports start at 1')
  .max(MAX_PORT, `Ports end at ${MAX_PORT}`)

/**
 * A reservation token: an opaque non-zero 64-bit value, carried as a decimal string because
 * JSON and structured clone cannot carry a u64 as a number without losing precision.
 */
export const Token = z
  .string({ error: 'A token must be a string of digits' })
  .regex(
    /^[1-9][0-9]{0,19}$/,
    'A token is a non-zero decimal number with no sign, spaces or leading zeros',
  )
  // zod runs every check even after the regex fails, so only digit strings reach BigInt().
  .refine(
    (t) => !/^[0-9]+$/.test(t) || BigInt(t) <= MAX_TOKEN,
    'A token must fit in 64 bits (at most 18446744073709551615)',
  )
export type Token = z.infer<typeof Token>

export const ReserveRequest = z
  .strictObject({
    protocol: Protocol,
    /** 0 asks for any free block (a wildcard reservation). */
    startPort: z
      .number({ error: 'The start port must be a number' })
      .int('The start port must be a whole number')
      .min(0, 'The start port must be 1–65535, or 0 for any free block')
      .max(MAX_PORT, 'The start port must be 1–65535, or 0 for any free block'),
    count: z
      .number({ error: 'The count must be a number' })
      .int('The count must be a whole number')
      .min(1, 'A block holds at least 1 port')
      .max(MAX_PORT, `A block holds at most ${MAX_PORT} ports`),
  })
  .refine((r) => r.startPort === 0 || r.startPort + r.count - 1 <= MAX_PORT, {
    message: `The block runs past port ${MAX_PORT}: start + count − 1 must be at most ${MAX_PORT}`,
    path: ['count'],
  })
export type ReserveRequest = z.infer<typeof ReserveRequest>

export const RuntimeReservation = z.strictObject({
  token: Token,
  protocol: Protocol,
  startPort: Port,
  count: z.number().int().min(1).max(MAX_PORT),
  /** ISO 8601 time at which the block was acquired. */
  acquiredAt: z.iso.datetime(),
})
export type RuntimeReservation = z.infer<typeof RuntimeReservation>

export const TokenRequest = z.strictObject({ token: Token })
export type TokenRequest = z.infer<typeof TokenRequest>

export const ReleaseAllResult = z.strictObject({ released: z.number().int().min(0) })
export type ReleaseAllResult = z.infer<typeof ReleaseAllResult>

/** How this machine elevates a change, if it can (see elevation.ts): pkexec, UAC, or not at all. */
export const ElevationInfo = z.strictObject({
  method: z.enum(['pkexec', 'uac', 'none']),
  /** Why there is no elevation here (e.g. "pkexec (polkit) is not installed"). */
  reason: z.string().max(500).optional(),
})
export type ElevationInfo = z.infer<typeof ElevationInfo>

export const AppInfo = z.strictObject({
  appVersion: z.string(),
  platform: z.string(),
  /** Which platform backend performs the reservation calls, e.g. "linux-sockets". */
  backend: z.string(),
  /** Running as root (Linux) or an elevated administrator (Windows). */
  privileged: z.boolean(),
  /** Runtime blocks offer the associate probe (Windows' port pool). */
  associateProbe: z.boolean(),
  hostname: z.string(),
  pid: z.number().int(),
  /** Without privileges: how a host change can still be made (the elevated helper), or not. */
  elevation: ElevationInfo.optional(),
})
export type AppInfo = z.infer<typeof AppInfo>
