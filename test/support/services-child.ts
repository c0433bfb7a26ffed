// The app's services as the app builds them (its holder directory, announcing as 'app'), in a
// child process: reserves a block, reads the other holders and judges port 40000, prints JSON.
import { createAppServices } from '../../src/main/services/app-services'

const services = createAppServices({ publishAs: 'app' })
const held = services.runtime.reserve({ protocol: 'tcp', startPort: 0, count: 2 })
const others = services.otherHolders().map((h) => ({ pid: h.pid, holder: h.holder, uid: h.uid }))
const verdict = services.verdicts.check({ protocol: 'tcp', ports: '40000' })[0]!
services.runtime.releaseAll()
console.log(
  JSON.stringify({
    held,
    others,
    bindable40000: verdict.bindable,
    reasons40000: verdict.reasons.map((r) => ({ code: r.code, pid: r.pid, fix: r.fix })),
  }),
)
