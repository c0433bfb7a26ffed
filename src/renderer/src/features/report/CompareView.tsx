import { useEffect, useRef } from 'react'
import type { CompareResult } from '../../../../shared/export'
import { groupSocketLines } from './compare-lines'

interface Props {
  result: Extract<CompareResult, { compared: true }>
  onClose(): void
}

/** What changed since an earlier report: per section, removed (−) and added (+) items. */
export function CompareView({ result, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null)
  const heading = useRef<HTMLHeadingElement>(null)
  // showModal() focuses the first button, the Close at the bottom, and scrolls there: start at the top.
  useEffect(() => {
    ref.current?.showModal()
    heading.current?.focus()
  }, [])
  const changed = result.sections.filter((s) => s.added.length + s.removed.length > 0)
  return (
    <dialog ref={ref} className="compare-view" aria-labelledby="compare-title" onClose={onClose}>
      <h2 id="compare-title" ref={heading} tabIndex={-1}>
        Changes since {new Date(result.before).toLocaleString()}
      </h2>
      <p className="muted">Compared with {result.path}</p>
      {changed.length === 0 && <p>No differences.</p>}
      {changed.map((s) => (
        <section key={s.section} aria-label={s.section}>
          <h3>{s.section}</h3>
          {s.section === 'sockets' ? (
            <SocketChanges removed={s.removed} added={s.added} />
          ) : (
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
          )}
        </section>
      ))}
      <form method="dialog">
        <button type="submit">Close</button>
      </form>
    </dialog>
  )
}

/** Sockets that came or went, per process, with consecutive ports merged into ranges. */
function SocketChanges({ removed, added }: { removed: string[]; added: string[] }) {
  const gone = new Map(groupSocketLines(removed).map((g) => [g.process, g.lines]))
  const came = new Map(groupSocketLines(added).map((g) => [g.process, g.lines]))
  const processes = [...new Set([...gone.keys(), ...came.keys()])].sort()
  return (
    <dl className="compare-processes">
      {processes.map((p) => (
        <div key={p}>
          <dt className="mono">{p}</dt>
          <dd>
            <ul>
              {(gone.get(p) ?? []).map((x) => (
                <li key={`-${x}`} className="removed">
                  − {x}
                </li>
              ))}
              {(came.get(p) ?? []).map((x) => (
                <li key={`+${x}`} className="added">
                  + {x}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      ))}
    </dl>
  )
}
