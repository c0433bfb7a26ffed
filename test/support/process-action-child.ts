// Runs one process action as whatever user starts it (tests start it as nobody) and prints the
// outcome as JSON: {ok: true} or {ok: false, kind, message}.
import { toErrorInfo } from '../../src/shared/errors'
import { createBackend } from '../../src/main/platform'
import { ProcessActionsService } from '../../src/main/services/process-actions'

const [action, arg] = process.argv.slice(2)
const actions = new ProcessActionsService(createBackend())
void (async () => {
  try {
    if (action === 'end') await actions.endProcess({ pid: Number(arg), force: false, waitMs: 200 })
    else if (action === 'close') actions.closeConnection(JSON.parse(arg!))
    else throw new Error(`unknown action ${action}`)
    process.stdout.write(JSON.stringify({ ok: true }))
  } catch (err) {
    const info = toErrorInfo(err)
    process.stdout.write(JSON.stringify({ ok: false, kind: info.kind, message: info.message }))
  }
})()
