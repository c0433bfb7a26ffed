// Runs in a child (as nobody, or in a private netns): optionally reserves a range, then prints
// the verdict for one port and what a real bind of it does, as JSON.
import { createAppServices } from '../../src/main/services/app-services'
import { realBind } from './real-bind'

const [protocol, port, reserveStart, reserveCount] = process.argv.slice(2)
const services = createAppServices({ holderDir: '/nonexistent-portwarden-test' })
if (reserveStart) {
  services.backend.reservedRangeEditor!.add(
    { startPort: Number(reserveStart), count: Number(reserveCount) },
    false,
  )
}
const [verdict] = services.verdicts.check({ protocol: protocol as 'tcp', ports: port! })
process.stdout.write(JSON.stringify({ verdict, bind: realBind(protocol as 'tcp', Number(port)) }))
