import { PortwardenError } from '../../shared/errors'
import type { ReportFormat } from '../../shared/report'
import { createAppServices } from '../../main/services/app-services'
import { buildReport, formatForFile, renderReport } from '../../main/services/report'
import { writeFileAtomic } from '../../main/services/write-atomic'
import type { CommandRun } from '../command'
import { err, out } from '../stdio'

/** The format: --format, else --out's extension, else json; the two must not contradict. */
function chooseFormat(
  asked: string | undefined,
  file: string | undefined,
  json: boolean,
): ReportFormat {
  const fromFile = file && file !== '-' ? formatForFile(file) : undefined
  if (fromFile === 'pdf')
    throw new PortwardenError(
      'invalid-input',
      'PDF reports are made by the app (Export); the CLI writes json, csv or html.',
    )
  if (asked && fromFile && asked !== fromFile)
    throw new PortwardenError(
      'invalid-input',
      `--format ${asked} contradicts --out ${file}, whose extension says ${fromFile}.`,
    )
  return (asked ?? fromFile ?? (json ? 'json' : 'json')) as ReportFormat
}

export const run: CommandRun = ({ json, values }) => {
  const file = values['out'] as string | undefined
  const format = chooseFormat(values['format'] as string | undefined, file, json)
  const watch = values['watch'] as string | undefined
  const report = buildReport(createAppServices(), {
    watched: watch
      ? [
          { protocol: 'tcp', ports: watch },
          { protocol: 'udp', ports: watch },
        ]
      : [],
  })
  const text = renderReport(report, format)
  if (file && file !== '-') {
    writeFileAtomic(file, text)
    err(`Wrote ${format.toUpperCase()} report to ${file}`)
  } else out(text)
  return 0
}
