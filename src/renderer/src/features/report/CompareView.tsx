import { useEffect, useRef } from 'react'
import type { CompareResult } from '../../../../shared/export'

interface Props {
  result: Extract<CompareResult, { compared: true }>
  onClose(): void
}

/** What changed since an earlier report: per section, removed (−) and added (+) items. */
export function CompareView({ result, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => ref.current?.showModal(), [])
  const changed = result.sections.filter((s) => s.added.length + s.removed.length > 0)
  return (
    <dialog ref={ref} className="compare-view" aria-labelledby="compare-title" onClose={onClose}>
      <h2 id="compare-title">Changes since {new Date(result.before).toLocaleString()}</h2>
      <p className="muted">Compared with {result.path}</p>
      {changed.length === 0 && <p>No differences.</p>}
      {changed.map((s) => (
        <section key={s.section} aria-label={s.section}>
          <h3>{s.section}</h3>
          <ul>
            {s.removed.map((x) => (
              <li key={`-${x}`} className="removed">
                − {x}
              </li>
            ))}
            {s.added.map((x) => (
              <li key={`+${x}`} className="added">
                + {x}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <form method="dialog">
        <button type="submit">Close</button>
      </form>
    </dialog>
  )
}
