// `npm run security`: Doyensec's Electronegativity over the source (src/) and the built app
// (out/), compared with the reviewed baseline in security/electronegativity-baseline.json.
// Fails on any finding the baseline does not list (each accepted finding there has a reason);
// a baseline entry no longer found is reported so it can be removed.
//
// The scanner runs through `npx` at a pinned version rather than as a devDependency: its own
// dependency tree is old (babel 7.x, got 11, …) and would otherwise sit in every install.
// Options: --no-build (scan out/ as it is; by default out/ is built when missing).
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const SCANNER = '@doyensec/electronegativity@1.10.3'
const BASELINE = 'security/electronegativity-baseline.json'
const TARGETS = ['src', 'out']
/**
 * Checks left out, with why. AVAILABLE_SECURITY_FIXES fetches Electron's release list from
 * GitHub, which this machine and CI cannot reach; Electron's version is kept current through
 * npm instead (package.json).
 */
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck']

const started = Date.now()
const args = new Set(process.argv.slice(2))

function electronVersion() {
  try {
    return JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version
  } catch {
    const wanted = JSON.parse(readFileSync('package.json', 'utf8')).devDependencies?.electron
    return String(wanted ?? '').replace(/^[^\d]*/, '')
  }
}

if (!existsSync('out/main/index.js') && !args.has('--no-build')) {
  console.log('security: out/ is missing, building it first (electron-vite build)…')
  const built = spawnSync('node_modules/.bin/electron-vite', ['build'], { stdio: 'inherit' })
  if (built.status !== 0) {
    console.error('security: the build failed; nothing was scanned.')
    process.exit(2)
  }
}

const scratch = mkdtempSync(join(tmpdir(), 'portwarden-security-'))
const version = electronVersion()

/** Runs the scanner over one folder; resolves to its SARIF results. */
function scan(target) {
  const sarif = join(scratch, `${target}.sarif`)
  const argv = [
    '--yes',
    SCANNER,
    '--input',
    target,
    '--relative',
    '--electron-version',
    version,
    '--exclude-checks',
    EXCLUDED_CHECKS.join(','),
    '--output',
    sarif,
    '--verbose',
    'false',
  ]
  return new Promise((resolve, reject) => {
    // npm_config_update_notifier=false: no registry look-up beyond the package itself.
    const child = spawn('npx', argv, {
      env: { ...process.env, npm_config_update_notifier: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let log = ''
    child.stdout.on('data', (b) => (log += b))
    child.stderr.on('data', (b) => (log += b))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0 || !existsSync(sarif)) {
        reject(new Error(`${SCANNER} over ${target}/ exited ${code}:\n${log}`))
        return
      }
      resolve(JSON.parse(readFileSync(sarif, 'utf8')).runs.flatMap((run) => run.results ?? []))
    })
  })
}

/**
 * A finding's identity, stable when code moves: the check, the file, and the flagged code
 * itself (the region the scanner points at, whitespace collapsed) — not the line number.
 */
function fingerprint(target, result) {
  const where = result.locations?.[0]?.physicalLocation
  const uri = where?.artifactLocation?.uri ?? 'N/A'
  const file = uri === 'N/A' ? `${target}/` : `${target}/${uri}`
  let code = ''
  const region = where?.region
  if (region && existsSync(file)) {
    const lines = readFileSync(file, 'utf8').split('\n')
    const before = lines.slice(0, region.startLine - 1).join('\n').length
    const offset = (region.startLine > 1 ? before + 1 : 0) + (region.startColumn ?? 1) - 1
    const text = lines.join('\n')
    // Without a length (some checks give 0) the flagged line, from the column on, stands in.
    const length = region.charLength || text.indexOf('\n', offset) - offset
    code = text
      .slice(offset, offset + (length > 0 ? length : 120))
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 200)
  }
  const line = region?.startLine ?? 0
  return { check: result.ruleId, file, code, line, message: result.message?.text ?? '' }
}

const keyOf = (f) => `${f.check} ${f.file} ${f.code}`

let findings
try {
  const perTarget = await Promise.all(
    TARGETS.map(async (t) => (await scan(t)).map((r) => fingerprint(t, r))),
  )
  findings = perTarget.flat()
} catch (err) {
  console.error(`security: the scanner could not run.\n${err instanceof Error ? err.message : err}`)
  process.exit(2)
} finally {
  rmSync(scratch, { recursive: true, force: true })
}

const baseline = JSON.parse(readFileSync(BASELINE, 'utf8'))
const accepted = baseline.accepted ?? []
const unexplained = accepted.filter((a) => typeof a.reason !== 'string' || a.reason.trim() === '')
// Multiset difference: the same code flagged twice needs two baseline entries.
const remaining = new Map()
for (const a of accepted) remaining.set(keyOf(a), (remaining.get(keyOf(a)) ?? 0) + 1)
const fresh = []
for (const f of findings) {
  const n = remaining.get(keyOf(f)) ?? 0
  if (n > 0) remaining.set(keyOf(f), n - 1)
  else fresh.push(f)
}
const stale = accepted.filter((a) => {
  const n = remaining.get(keyOf(a)) ?? 0
  if (n === 0) return false
  remaining.set(keyOf(a), n - 1)
  return true
})

const seconds = ((Date.now() - started) / 1000).toFixed(1)
console.log(
  `security: ${SCANNER} over ${TARGETS.join('/, ')}/ (Electron ${version}) in ${seconds} s: ` +
    `${findings.length} findings, ${findings.length - fresh.length} accepted in ${BASELINE}, ` +
    `${fresh.length} new.`,
)
for (const s of stale) {
  console.log(`  no longer found (remove from the baseline): ${s.check} ${s.file} "${s.code}"`)
}
for (const u of unexplained) {
  console.log(`  baseline entry without a reason: ${u.check} ${u.file} "${u.code}"`)
}
if (fresh.length > 0) {
  console.log('\nNew findings — fix them, or after review add them with a one-line reason:')
  for (const f of fresh) console.log(`  ${f.check} ${f.file}:${f.line} "${f.code}" — ${f.message}`)
  const entries = fresh.map(({ check, file, code }) => ({ check, file, code, reason: 'TODO' }))
  console.log(`\n${JSON.stringify(entries, null, 2)}`)
}
process.exit(fresh.length > 0 || unexplained.length > 0 ? 1 : 0)
