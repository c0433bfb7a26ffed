import type { Report, ReportFormat } from '../../../shared/report'
import { reportToCsv } from './csv'
import { reportToHtml } from './html'

export { buildReport } from './build'
export { diffReports, parseReport } from './diff'

/** Renders a report in one of the text formats (PDF is HTML printed by Electron or Chromium). */
export function renderReport(report: Report, format: ReportFormat): string {
  switch (format) {
    case 'json':
      return JSON.stringify(report, null, 2) + '\n'
    case 'csv':
      return reportToCsv(report)
    case 'html':
      return reportToHtml(report)
  }
}

/** The format a file name asks for: .json, .csv, .html/.htm (.pdf is handled by the shell). */
export function formatForFile(file: string): ReportFormat | 'pdf' | undefined {
  const ext = /\.([a-z]+)$/i.exec(file)?.[1]?.toLowerCase()
  if (ext === 'htm') return 'html'
  return ext === 'json' || ext === 'csv' || ext === 'html' || ext === 'pdf' ? ext : undefined
}
