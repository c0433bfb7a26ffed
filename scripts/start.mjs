// `npm start`: build, then launch the desktop app — or, where Electron's binary is missing and
// cannot be fetched, say so plainly and point to the CLI, which needs no Electron.
import { spawn, spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { findElectronBinary } = require('./electron-binary.cjs')

function tryDownload() {
  console.log("Portwarden: fetching Electron's binary (once per install)…")
  const r = spawnSync(process.execPath, [require.resolve('electron/install.js')], {
    encoding: 'utf8',
    timeout: 120_000,
  })
  const firstLine = `${r.stderr ?? ''}${r.stdout ?? ''}`.split('\n').find((l) => /error/i.test(l))
  return firstLine?.trim() ?? (r.error ? String(r.error.message) : `exit code ${r.status}`)
}

let binary = findElectronBinary()
let downloadFailure
if (!binary.path) {
  downloadFailure = tryDownload()
  binary = findElectronBinary()
}
if (!binary.path) {
  console.error(
    [
      '',
      "Portwarden cannot open its window here: Electron's binary is not installed.",
      `  Why: ${binary.missing}; fetching it failed (${downloadFailure}).`,
      "  On a machine that can reach Electron's releases, `npm start` fetches it once.",
      '',
      'Everything else works without Electron — the command line uses the same services:',
      '  npx portwarden list                              runtime reservations held by Portwarden',
      '  npx portwarden reserve --protocol tcp --count 10 hold a block until Ctrl-C',
      '  npx portwarden --help',
      '',
    ].join('\n'),
  )
  process.exit(1)
}

const build = spawnSync(
  process.execPath,
  [require.resolve('electron-vite/bin/electron-vite.js'), 'build'],
  {
    stdio: 'inherit',
  },
)
if (build.status !== 0) process.exit(build.status ?? 1)

const app = spawn(binary.path, ['.'], { stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal))
app.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
