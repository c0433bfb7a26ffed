// Runs inside a private network namespace: applies the operations given as JSON and prints,
// for each, the resulting live list and persisted set or the error, as JSON. `{ op: 'raw' }`
// writes the kernel list directly, as another tool would.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { PortwardenError } from '../../src/shared/errors'
import { ReservedPorts } from '../../src/main/platform/linux/reserved-ports'

type Op =
  | { op: 'add' | 'remove'; startPort: number; count: number; persist?: boolean }
  | { op: 'raw'; value: string }
const [opsJson, persistFile] = process.argv.slice(2)
const reserved = new ReservedPorts({ persistFile })
const state = () => ({
  list: reserved.list(),
  file: existsSync(persistFile!) ? readFileSync(persistFile!, 'utf8') : null,
})
const results = (JSON.parse(opsJson!) as Op[]).map((o) => {
  try {
    if (o.op === 'raw') writeFileSync('/proc/sys/net/ipv4/ip_local_reserved_ports', o.value)
    else reserved[o.op]({ startPort: o.startPort, count: o.count }, o.persist)
    return { ok: true, ...state(), persisted: reserved.persisted() }
  } catch (err) {
    const e = err as PortwardenError
    return { ok: false, kind: e.kind, message: e.message, ...state() }
  }
})
process.stdout.write(JSON.stringify(results))
