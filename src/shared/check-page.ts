import { z } from 'zod'
import { CheckRequest, PortVerdict } from './verdict'

/** Most ports one page of a check covers: a page is probed, judged and sent in one go. */
export const MAX_CHECK_PAGE = 4096

/**
 * One page of a port check: the ports of `ports` from `offset` (in the order the list names
 * them), at most `limit` of them. A long check (1-65535) is asked page by page, so neither
 * main nor the page ever holds or sends tens of megabytes of verdicts at once.
 */
export const CheckPageRequest = CheckRequest.extend({
  offset: z.number().int().min(0).max(65_535),
  limit: z.number().int().min(1).max(MAX_CHECK_PAGE),
})
export type CheckPageRequest = z.input<typeof CheckPageRequest>

export const CheckPage = z.strictObject({
  /** One verdict per port of the page (two for protocol "both"). */
  verdicts: z.array(PortVerdict),
  /** How many ports the whole list names. */
  totalPorts: z.number().int().min(0),
  /** The offset of the next page; absent after the last. */
  next: z.number().int().min(1).optional(),
})
export type CheckPage = z.infer<typeof CheckPage>
