import type { ProcessDetails } from '../../../../shared/process-actions'

const time = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' })

/** Who a process is, as a definition list: the facts the OS would tell. */
export function ProcessFacts({ p }: { p: ProcessDetails }) {
  return (
    <dl className="details-grid process-facts">
      <dt>Process</dt>
      <dd>
        <span className="mono">{p.name}</span> (pid {p.pid}){p.self && ' — this Portwarden'}
      </dd>
      <dt>User</dt>
      <dd>{p.user ?? (p.uid !== undefined ? `uid ${p.uid}` : 'unknown')}</dd>
      {p.exe && (
        <>
          <dt>Executable</dt>
          <dd className="mono wrap">{p.exe}</dd>
        </>
      )}
      {p.commandLine && (
        <>
          <dt>Command line</dt>
          <dd className="mono wrap">{p.commandLine.join(' ')}</dd>
        </>
      )}
      {p.startedAt && (
        <>
          <dt>Started</dt>
          <dd>
            <time dateTime={p.startedAt}>{time.format(new Date(p.startedAt))}</time>
          </dd>
        </>
      )}
      {p.service && (
        <>
          <dt>Service</dt>
          <dd className="mono">{p.service}</dd>
        </>
      )}
      {p.container && (
        <>
          <dt>Container</dt>
          <dd className="mono">
            {p.container.runtime} {p.container.id}
          </dd>
        </>
      )}
    </dl>
  )
}
