import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'

/** vitest globalSetup: the CLI tests run out/cli (what `npm run build:cli` makes); build it once. */
export default function setup(): void {
  if (!existsSync('out/cli/portwarden.mjs'))
    execFileSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'inherit' })
}
