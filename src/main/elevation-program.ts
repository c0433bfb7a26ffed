import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { noElevation, pkexecRunner, type ElevationRunner } from './services/elevation'
import { uacRunner } from './services/elevation/uac'

/**
 * Where a package installs the helper launcher (resources/linux/portwarden-helper): the path the
 * polkit action org.portwarden.helper names, so the prompt says what Portwarden asks for.
 */
export const INSTALLED_LINUX_HELPER = '/usr/lib/portwarden/portwarden-helper'

/**
 * How this app runs its elevated helper. Linux: pkexec with the installed launcher, or — in a
 * development tree — the system's Node with this tree's CLI (then polkit's generic "run a program
 * as root" action asks). Windows: UAC with the Node and CLI installed next to the app. Where none
 * of this exists, none: the page shows the command to run in a terminal instead.
 */
export function elevationRunner(isPackaged: boolean): ElevationRunner {
  const cli = resolve(__dirname, '../../bin/portwarden.mjs')
  if (process.platform === 'win32') {
    const node = resolve(process.resourcesPath ?? '', 'node.exe')
    const bundled = resolve(process.resourcesPath ?? '', 'cli', 'portwarden.mjs')
    if (existsSync(node) && existsSync(bundled)) return uacRunner([node, bundled])
    return noElevation('the elevated helper is not installed with this app')
  }
  if (existsSync(INSTALLED_LINUX_HELPER)) return pkexecRunner([INSTALLED_LINUX_HELPER])
  const node = ['/usr/bin/node', '/usr/local/bin/node'].find((p) => existsSync(p))
  if (!isPackaged && node && existsSync(cli)) return pkexecRunner([node, cli])
  return noElevation(`the helper is not installed (${INSTALLED_LINUX_HELPER})`)
}
