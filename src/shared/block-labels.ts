import { z } from 'zod'
import { Port, Protocol } from './model'

export { blockKey } from './block-key'

/** What a block is for ("CI agents", "postgres replicas"), as the user wrote it. */
export const BlockLabel = z
  .string()
  .max(80, 'A label has at most 80 characters')
  // One line of plain text: no control characters (a terminal or a log would act on them).
  .refine(
    (s) => ![...s].some((c) => c.charCodeAt(0) < 0x20 || (c >= '\u007f' && c <= '\u009f')),
    'A label is one line of plain text',
  )

export const BlockLabelRequest = z.strictObject({
  protocol: Protocol,
  startPort: Port,
  count: z.number().int().min(1).max(65535),
  /** Empty: the label is removed. */
  label: BlockLabel,
})
export type BlockLabelRequest = z.infer<typeof BlockLabelRequest>

/** Labels by blockKey(): kept for the range, so the same block reserved again gets its label back. */
export const BlockLabels = z.record(z.string().max(40), BlockLabel)
export type BlockLabels = z.infer<typeof BlockLabels>
