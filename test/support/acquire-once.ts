// Run in a child process (possibly as another user): acquire one block, print the outcome as JSON.
import { PortwardenError } from '../../src/shared/errors'
import { createLinuxBackend } from '../../src/main/platform/linux'

const [protocol, start, count] = process.argv.slice(2)
try {
  const block = createLinuxBackend().acquireBlock({
    protocol: protocol as 'tcp',
    startPort: Number(start),
    count: Number(count),
  })
  process.stdout.write(JSON.stringify({ ok: true, startPort: block.startPort }))
  block.release()
} catch (err) {
  const e = err as PortwardenError
  process.stdout.write(JSON.stringify({ ok: false, kind: e.kind, message: e.message }))
}
