// Run under a lowered RLIMIT_NOFILE (`prlimit --nofile=256:256 node --import tsx …`): holds a
// small block, then asks for one larger than the descriptors left, and prints both answers and
// what it holds as one JSON line. Keeps the first block until its stdin closes.
// usage: emfile-child.ts <holder dir> <small count> <large count>
import { readdirSync, readFileSync } from 'node:fs'
import { createHandlers } from '../../src/main/ipc/handlers'
import { createAppServices } from '../../src/main/services/app-services'

const [holderDir, small, large] = process.argv.slice(2)
const services = createAppServices({ holderDir })
const handlers = createHandlers(services)
const openFds = () => readdirSync('/proc/self/fd').length
const limit = /^Max open files\s+(\d+)\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'utf8'))

async function run(): Promise<void> {
  const first = await handlers['runtime:reserve']({
    protocol: 'tcp',
    startPort: 0,
    count: Number(small),
  })
  const fdsAfterFirst = openFds()
  const second = await handlers['runtime:reserve']({
    protocol: 'tcp',
    startPort: 0,
    count: Number(large),
  })
  const fdsAfterSecond = openFds()
  process.stdout.write(
    JSON.stringify({
      limit: limit ? { soft: Number(limit[1]), hard: Number(limit[2]) } : undefined,
      first,
      second,
      fdsAfterFirst,
      fdsAfterSecond,
      held: services.runtime.list(),
    }) + '\n',
  )
  process.stdin.resume()
  process.stdin.on('end', () => {
    services.runtime.releaseAll()
    process.exit(0)
  })
}

void run()
