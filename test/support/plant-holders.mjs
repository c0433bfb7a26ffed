// Run as another local user (`runuser -u nobody`): plants, in DIR, everything a hostile user can
// put where a Portwarden looks for holder files. Prints what it planted as JSON.
//
//   node test/support/plant-holders.mjs DIR --victim FILE --alive PID [--mode 0777]
//
// - DIR itself (created when absent, with --mode; default 0777, as a squatter would);
// - 1.json: a well-formed record naming pid 1, with pid 1's real start time and the boot id
//   (both are world-readable), holding TCP 40000-40009: believing it means advising `kill 1`;
// - a symlink farm: for the next 300 pids, `N.json` and `N.json.N.tmp` → the victim file;
// - a FIFO named like the holder file of the live pid --alive (reading it would block);
// - a directory named like the holder file of a dead pid (removing it as a file throws);
// - a 64 MiB sparse file named like the holder file of the live pid 1's neighbour --alive2.
import { execFileSync } from 'node:child_process'
import {
  mkdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
  chmodSync,
  truncateSync,
} from 'node:fs'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    victim: { type: 'string' },
    alive: { type: 'string' },
    alive2: { type: 'string' },
    mode: { type: 'string', default: '0777' },
  },
})
const dir = positionals[0]
if (!dir || !values.victim || !values.alive) {
  console.error('usage: plant-holders.mjs DIR --victim FILE --alive PID [--alive2 PID]')
  process.exit(2)
}
const planted = { dir, files: [] }
const note = (name) => planted.files.push(name)

if (!existsSync(dir)) mkdirSync(dir)
chmodSync(dir, Number.parseInt(values.mode, 8))

// Field 22 of /proc/1/stat, counted after the command name in parentheses.
const stat1 = readFileSync('/proc/1/stat', 'utf8')
const startTime = stat1.slice(stat1.lastIndexOf(')') + 2).split(' ')[19]
const bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()
writeFileSync(
  join(dir, '1.json'),
  JSON.stringify({
    pid: 1,
    holder: 'cli',
    startedAt: new Date().toISOString(),
    processStart: startTime,
    bootId,
    uid: 0,
    reservations: [
      {
        token: '4242',
        protocol: 'tcp',
        startPort: 40000,
        count: 10,
        acquiredAt: new Date().toISOString(),
      },
    ],
  }),
)
note('1.json')

execFileSync('mkfifo', [join(dir, `${values.alive}.json`)])
note(`${values.alive}.json (fifo)`)

const pidMax = Number(readFileSync('/proc/sys/kernel/pid_max', 'utf8'))
let dead = pidMax - 1
while (existsSync(`/proc/${dead}`)) dead--
mkdirSync(join(dir, `${dead}.json`))
note(`${dead}.json (directory)`)

if (values.alive2) {
  const big = join(dir, `${values.alive2}.json`)
  writeFileSync(big, '{')
  truncateSync(big, 64 << 20)
  note(`${values.alive2}.json (64 MiB)`)
}
const lastPid = Number(readFileSync('/proc/sys/kernel/ns_last_pid', 'utf8'))
for (let i = 1; i <= 300; i++) {
  const next = lastPid + i
  const pid = next < pidMax ? next : next - pidMax + 301 // the kernel wraps to 300 and up
  for (const name of [`${pid}.json`, `${pid}.json.${pid}.tmp`]) {
    try {
      symlinkSync(values.victim, join(dir, name))
      note(name)
    } catch {
      // taken already (e.g. the FIFO above): one fewer link
    }
  }
}

console.log(JSON.stringify(planted))
