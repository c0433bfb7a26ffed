/**
 * `npm run bench`: every benchmark, each in its own process (they open thousands of sockets),
 * each comparing Portwarden with a named peer in the same run and printing the ratio.
 */
import { spawnSync } from 'node:child_process'

const benches = [
  ['list every socket, 10,000 open: Portwarden vs `ss -tuanp`', 'bench/list-sockets.ts'],
  ['acquire a 1,000-port block: Portwarden vs raw binds in C', 'bench/acquire-block.ts'],
  ['the command line as whole processes: vs `node -e 0` and `ss -tuanp`', 'bench/cli-processes.ts'],
  [
    'main stays responsive: event-loop delay while the inventory worker polls',
    'bench/event-loop.ts',
  ],
  ['a live refresh with owners, 10,000 sockets: Portwarden vs `ss -tuanp`', 'bench/refresh.ts'],
  ['check 1-65535 --json, 10,000 sockets open: vs `ss -tuanp`', 'bench/check-range.ts'],
] as const

// The app's inventory worker is measured as it ships: built (out/main/inventory-worker.js).
const build = spawnSync(process.execPath, ['node_modules/.bin/electron-vite', 'build'], {
  stdio: ['ignore', 'ignore', 'inherit'],
})
if (build.status !== 0) {
  console.error('npm run bench: the build failed (electron-vite build); nothing measured')
  process.exit(1)
}

let failed = 0
for (const [title, file] of benches) {
  console.log(`\n== ${title}`)
  const r = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit' })
  if (r.status !== 0) failed++
}
process.exit(failed ? 1 : 0)
