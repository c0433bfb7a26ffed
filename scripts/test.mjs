// `npm test`: build, run the Node tests (vitest) and the e2e tests (Playwright), then print one
// summary line, listing every skipped test with its reason.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { ensureChromium } from './ensure-chromium.mjs'

const bin = (name) => `node_modules/.bin/${name}`
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit' }).status ?? 1
const readJson = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined)

mkdirSync('test-results', { recursive: true })
const UNIT = 'test-results/unit-results.json'
const E2E = 'test-results/e2e-results.json'
rmSync(UNIT, { force: true })
rmSync(E2E, { force: true })

const steps = [
  ['build', run(bin('electron-vite'), ['build'])],
  ['build:cli', run(process.execPath, ['scripts/build-cli.mjs'])],
  [
    'unit',
    run(bin('vitest'), [
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${UNIT}`,
    ]),
  ],
  ['e2e', ensureChromium() ? run(bin('playwright'), ['test']) : 1],
]

let passed = 0
let failed = 0
let skipped = 0
const skipReasons = []
const unit = readJson(UNIT)
if (unit) {
  passed += unit.numPassedTests
  failed += unit.numFailedTests
  skipped += unit.numPendingTests + unit.numTodoTests
}
const e2e = readJson(E2E)
const walk = (suite, path) => {
  for (const spec of suite.specs ?? []) {
    for (const t of spec.tests) {
      if (t.status === 'skipped') {
        const why = t.annotations.find((a) => a.type === 'skip')?.description ?? 'no reason given'
        skipReasons.push(`${[...path, spec.title].join(' › ')} — ${why}`)
      }
    }
  }
  for (const child of suite.suites ?? []) walk(child, [...path, child.title])
}
if (e2e) {
  passed += e2e.stats.expected + e2e.stats.flaky
  failed += e2e.stats.unexpected
  skipped += e2e.stats.skipped
  for (const s of e2e.suites) walk(s, [s.title])
}

console.log('')
for (const [name, status] of steps)
  if (status !== 0) console.log(`step "${name}" failed (exit ${status})`)
for (const r of skipReasons) console.log(`skipped: ${r}`)
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(steps.some(([, s]) => s !== 0) || failed > 0 ? 1 : 0)
