import { z } from 'zod'
import { BlockLabels } from './block-labels'
import { Port, Protocol } from './model'
import { PortVerdict } from './verdict'

export const WatchedPort = z.strictObject({
  protocol: Protocol,
  port: Port,
  /** What the user calls it, e.g. "postgres". */
  // Labels end up in desktop notifications: no control or bidi-override characters.
  label: z
    .string()
    .max(80, 'A label holds at most 80 characters')
    .regex(/^[^\p{Cc}\p{Cf}]*$/u, 'A label cannot contain control or formatting characters')
    .optional(),
})
export type WatchedPort = z.infer<typeof WatchedPort>

/** Every watched port is judged again on each inventory change: the list stays short. */
export const MAX_WATCHED_PORTS = 256

export const WatchKey = z.strictObject({ protocol: Protocol, port: Port })
export type WatchKey = z.infer<typeof WatchKey>

export const WatchedStatus = z.strictObject({
  watched: WatchedPort,
  verdict: PortVerdict,
})
export type WatchedStatus = z.infer<typeof WatchedStatus>

/** The app's settings file (userData/settings.json). */
export const Settings = z.object({
  version: z.literal(1).default(1),
  watchedPorts: z.array(WatchedPort).default([]),
  /** What each block is for, by its range (see block-labels.ts). */
  blockLabels: BlockLabels.default({}),
})
export type Settings = z.infer<typeof Settings>
