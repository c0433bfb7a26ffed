// Where Electron's binary is, without triggering the download that require('electron') starts.
const { existsSync, readFileSync } = require('node:fs')
const { dirname, join } = require('node:path')

/** @returns {{ path: string } | { missing: string }} */
function findElectronBinary() {
  let pkgDir
  try {
    pkgDir = dirname(require.resolve('electron/package.json'))
  } catch {
    return { missing: 'the electron package is not installed (run npm ci)' }
  }
  const pathFile = join(pkgDir, 'path.txt')
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  if (!existsSync(pathFile) && !override) {
    return { missing: `Electron's binary has not been downloaded (no ${pathFile})` }
  }
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron'
  const path = override ? join(override, name) : join(pkgDir, 'dist', name)
  return existsSync(path) ? { path } : { missing: `Electron's binary is missing at ${path}` }
}

module.exports = { findElectronBinary }
