// The e2e tests drive Debian's Chromium. On a fresh Debian machine as root, install it; anywhere
// else, say what is missing instead of failing deep inside Playwright.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const CHROMIUM = process.env.PORTWARDEN_CHROMIUM ?? '/usr/bin/chromium'

export function ensureChromium() {
  if (existsSync(CHROMIUM)) return true
  const canApt = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')
  if (!canApt) {
    console.error(
      `No Chromium at ${CHROMIUM}: install it (Debian: apt-get install --no-install-recommends chromium) ` +
        'or point PORTWARDEN_CHROMIUM at one.',
    )
    return false
  }
  console.log("Installing Debian's chromium for the e2e tests…")
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  const apt = (...args) => spawnSync('apt-get', args, { stdio: 'inherit', env }).status === 0
  return apt('update', '-qq') && apt('install', '-y', '-qq', '--no-install-recommends', 'chromium')
}
