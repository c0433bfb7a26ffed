import { readFileSync } from 'node:fs'
import { PortwardenError } from '../../shared/errors'
import { diffReports, parseReport } from '../../main/services/report'
import { printJson } from '../output'
import type { Command } from '../command'

function load(file: string) {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    throw new PortwardenError('invalid-input', `Cannot read ${file}.`, String(err))
  }
  return parseReport(text, file)
}

export const diffCommand: Command = {
  name: 'diff',
  summary: 'Show what changed between two JSON reports (exit 0 same, 1 different)',
  usage: 'portwarden diff OLD.json NEW.json [--json]',
  options: {},
  run({ json, positionals }) {
    if (positionals.length !== 2)
      throw new PortwardenError('invalid-input', 'diff takes two report files: OLD.json NEW.json')
    const diff = diffReports(load(positionals[0]!), load(positionals[1]!))
    const changed = diff.filter((d) => d.added.length + d.removed.length > 0)
    if (json) printJson(diff)
    else if (changed.length === 0) console.log('No differences.')
    else {
      for (const d of changed) {
        console.log(`${d.section}:`)
        for (const x of d.removed) console.log(`  - ${x}`)
        for (const x of d.added) console.log(`  + ${x}`)
      }
    }
    return changed.length ? 1 : 0
  },
}
