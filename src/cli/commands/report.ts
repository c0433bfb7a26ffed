import { PortwardenError } from '../../shared/errors'
import { ReportFormat } from '../../shared/report'
import { createAppServices } from '../../main/services/app-services'
import { buildReport, formatForFile, renderReport } from '../../main/services/report'
import { writeFileAtomic } from '../../main/services/write-atomic'
import type { Command } from '../command'

export const reportCommand: Command = {
  name: 'report',
  summary: 'Write the reservation report (JSON, CSV or HTML) to stdout or a file',
  usage: 'portwarden report [--format json|csv|html] [--out FILE] [--watch 3000,5432]',
  options: { format: { type: 'string' }, out: { type: 'string' }, watch: { type: 'string' } },
  run({ json, values }) {
    const out = values['out'] as string | undefined
    const fromFile = out ? formatForFile(out) : undefined
    if (fromFile === 'pdf') {
      throw new PortwardenError(
        'invalid-input',
        'PDF reports are made by the app (Export); the CLI writes json, csv or html.',
      )
    }
    const asked = (values['format'] as string | undefined) ?? (json ? 'json' : fromFile) ?? 'json'
    const format = ReportFormat.safeParse(asked)
    if (!format.success)
      throw new PortwardenError(
        'invalid-input',
        `--format must be json, csv or html, got "${asked}"`,
      )
    const watch = values['watch'] as string | undefined
    const report = buildReport(createAppServices(), {
      watched: watch
        ? [
            { protocol: 'tcp', ports: watch },
            { protocol: 'udp', ports: watch },
          ]
        : [],
    })
    const text = renderReport(report, format.data)
    if (out) {
      writeFileAtomic(out, text)
      console.error(`Wrote ${format.data.toUpperCase()} report to ${out}`)
    } else process.stdout.write(text)
    return 0
  },
}
