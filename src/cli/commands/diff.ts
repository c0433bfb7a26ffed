import { readFileSync } from 'node:fs'
import { PortwardenError } from '../../shared/errors'
import { diffReports, parseReport } from '../../main/services/report/diff'
import type { CommandRun } from '../command'
import { printJson } from '../output'
import { out } from '../stdio'
import { visible } from '../terminal'

const WHY: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory, not a report file',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
}

function load(file: string) {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? ''
    throw new PortwardenError(
      'invalid-input',
      `Cannot read ${file}: ${WHY[code] ?? (err as Error).message}.`,
      code,
    )
  }
  return parseReport(text, file)
}

export const run: CommandRun = ({ json, positionals }) => {
  const diff = diffReports(load(positionals[0]!), load(positionals[1]!))
  const changed = diff.filter((d) => d.added.length + d.removed.length > 0)
  if (json) printJson(diff)
  else if (changed.length === 0) out('No differences.')
  else
    out(
      changed
        .flatMap((d) => [
          `${d.section}:`,
          ...d.removed.map((x) => `  - ${visible(x)}`),
          ...d.added.map((x) => `  + ${visible(x)}`),
        ])
        .join('\n'),
    )
  return changed.length ? 1 : 0
}
