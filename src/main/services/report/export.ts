import { readFile } from 'node:fs/promises'
import { PortwardenError } from '../../../shared/errors'
import type { CompareResult, ExportResult } from '../../../shared/export'
import type { AppServices } from '../app-services'
import type { ShellPorts } from '../shell-ports'
import { writeFileAtomic } from '../write-atomic'
import { buildReport } from './build'
import { diffReports, parseReport } from './diff'
import { formatForFile, renderReport } from './index'

const stamp = (d: Date) => d.toISOString().slice(0, 19).replace(/[:T]/g, '-')

/**
 * Export from the app: the user picks the file, the extension picks the format, and the file is
 * written all-or-nothing. Cancelling is not an error.
 */
export async function exportReport(
  services: AppServices,
  shell: ShellPorts,
): Promise<ExportResult> {
  const name = `portwarden-${services.appInfo().hostname}-${stamp(new Date())}.html`
  const path = await shell.chooseSavePath(name)
  if (!path) return { saved: false }
  const format = formatForFile(path)
  if (!format) {
    throw new PortwardenError(
      'invalid-input',
      'Save the report as .json, .csv, .html or .pdf: the extension picks the format.',
      path,
    )
  }
  const report = buildReport(services)
  const data =
    format === 'pdf'
      ? await shell.htmlToPdf(renderReport(report, 'html'))
      : renderReport(report, format)
  writeFileAtomic(path, data)
  return {
    saved: true,
    path,
    format,
    bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength,
  }
}

/** Compare: an older JSON report the user picks, against the machine as it is now. */
export async function compareWithReport(
  services: AppServices,
  shell: ShellPorts,
): Promise<CompareResult> {
  const path = await shell.chooseOpenPath()
  if (!path) return { compared: false }
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    throw new PortwardenError('invalid-input', `Cannot read ${path}.`, String(err))
  }
  const before = parseReport(text, path)
  return {
    compared: true,
    path,
    before: before.generatedAt,
    sections: diffReports(before, buildReport(services)),
  }
}
