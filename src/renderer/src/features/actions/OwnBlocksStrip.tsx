import { formatSpan } from '../../../../shared/ranges'
import { setHideOwnBlocks, toggleUnfolded, useActionsStore } from './actions-store'
import type { FoldedBlock } from './use-own-blocks'

/**
 * Above "Ports in use": this Portwarden's blocks, one line each instead of a row per port, each
 * unfolding its rows into the list; and the switch that shows them all as plain rows.
 */
export function OwnBlocksStrip({ folded }: { folded: readonly FoldedBlock[] }) {
  const hide = useActionsStore((s) => s.hideOwnBlocks)
  return (
    <div className="own-blocks" role="group" aria-label="Portwarden's own blocks">
      <label className="checkbox">
        <input
          type="checkbox"
          checked={hide}
          onChange={(e) => setHideOwnBlocks(e.target.checked)}
        />
        Fold Portwarden&apos;s own blocks
      </label>
      {hide &&
        folded.map(({ block, unfolded }) => (
          <button
            key={block.token}
            type="button"
            className="secondary small"
            aria-expanded={unfolded}
            onClick={() => toggleUnfolded(block.token)}
          >
            <span aria-hidden="true">{unfolded ? '▾' : '▸'}</span> {block.protocol.toUpperCase()}{' '}
            {formatSpan(block)} · {block.count} port{block.count === 1 ? '' : 's'}
          </button>
        ))}
    </div>
  )
}
