/* global process, console */
// A process holding COUNT sockets on 127.0.0.1 (half TCP listeners, half UDP), for the
// benchmarks. Prints "ready" once they are open; on each "churn N" line from stdin it closes
// its N oldest sockets, opens N new ones, and prints "ok".
import dgram from 'node:dgram'
import net from 'node:net'
import { createInterface } from 'node:readline'

const count = Number(process.argv[2] ?? 1000)
const open = []
let made = 0

function openOne() {
  const tcp = made++ % 2 === 0
  return new Promise((done, fail) => {
    if (tcp) {
      const s = net.createServer()
      s.once('error', fail).listen(0, '127.0.0.1', () => done(() => s.close()))
    } else {
      const u = dgram.createSocket('udp4')
      u.once('error', fail).bind(0, '127.0.0.1', () => done(() => u.close()))
    }
  })
}

async function openMany(n) {
  for (let i = 0; i < n; i += 500) {
    const batch = await Promise.all(Array.from({ length: Math.min(500, n - i) }, openOne))
    open.push(...batch)
  }
}

await openMany(count)
console.log('ready')
for await (const line of createInterface({ input: process.stdin })) {
  const n = Number(line.split(' ')[1] ?? 0)
  for (const close of open.splice(0, n)) close()
  await openMany(n)
  console.log('ok')
}
