import { blockKey, BlockLabelRequest, type BlockLabels } from '../../shared/block-labels'
import { parseInput } from '../../shared/validate'
import type { SettingsStore } from './settings-store'

/** At most this many labels are kept: the settings file stays small whatever a renderer sends. */
const MAX_LABELS = 1000

/**
 * Labels of blocks ("what it is for"), kept in the settings file by range, so a block reserved
 * again over the same ports shows its label again.
 */
export class BlockLabelService {
  constructor(private readonly settings: SettingsStore) {}

  list(): BlockLabels {
    return this.settings.get().blockLabels
  }

  set(input: BlockLabelRequest): BlockLabels {
    const req = parseInput(BlockLabelRequest, input)
    const key = blockKey(req)
    const label = req.label.trim()
    return this.settings.update((s) => {
      const labels = { ...s.blockLabels }
      delete labels[key]
      if (label) {
        labels[key] = label
        const keys = Object.keys(labels)
        for (const old of keys.slice(0, Math.max(0, keys.length - MAX_LABELS))) delete labels[old]
      }
      return { ...s, blockLabels: labels }
    }).blockLabels
  }
}
