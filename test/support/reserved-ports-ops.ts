// Runs inside a private network namespace: applies the operations given as JSON and prints,
// for each, the resulting list or the error, as JSON.
import { PortwardenError } from '../../src/shared/errors'
import { ReservedPorts } from '../../src/main/platform/linux/reserved-ports'

type Op = { op: 'add' | 'remove'; startPort: number; count: number; persist?: boolean }
const [opsJson, persistFile] = process.argv.slice(2)
const reserved = new ReservedPorts({ persistFile })
const results = (JSON.parse(opsJson!) as Op[]).map((o) => {
  try {
    return { ok: true, list: reserved[o.op]({ startPort: o.startPort, count: o.count }, o.persist) }
  } catch (err) {
    const e = err as PortwardenError
    return { ok: false, kind: e.kind, message: e.message, list: reserved.list() }
  }
})
process.stdout.write(JSON.stringify(results))
