import { formatSpan } from '../../shared/ranges'
import type { Protocol } from '../../shared/model'
import { createAppServices } from '../../main/services/app-services'
import { integerOption, portOption } from '../args'
import type { CommandRun } from '../command'
import { printJson } from '../output'
import { keepRunningOnClosedOutput, out } from '../stdio'

const ENDING_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const

export const run: CommandRun = async ({ json, values }) => {
  const services = createAppServices({ publishAs: 'cli' })
  const reservation = services.runtime.reserve({
    protocol: values['protocol'] as Protocol,
    startPort: portOption('start', values['start']) ?? 0,
    count: integerOption('count', values['count'], 1),
  })
  // From here on the block matters more than the output: a reader that goes away
  // (`portwarden reserve | head -c 10`) must not end the hold.
  keepRunningOnClosedOutput()
  if (json) printJson(reservation)
  else
    out(
      `Reserved ${reservation.protocol.toUpperCase()} ${formatSpan(reservation)} ` +
        `(${reservation.count} port${reservation.count === 1 ? '' : 's'}), token ${reservation.token}\n` +
        'Holding the ports until Ctrl-C…',
    )
  // The held sockets are raw descriptors libuv does not know about: without a timer Node
  // would see nothing to wait for, exit, and let the kernel free the ports at once.
  const keepAlive = setInterval(() => undefined, 1 << 30)
  const signal = await new Promise<string>((resolve) => {
    for (const s of ENDING_SIGNALS) process.once(s, () => resolve(s))
  })
  clearInterval(keepAlive)
  services.runtime.releaseAll()
  if (!json) out(`Released ${formatSpan(reservation)} (${signal}).`)
  return 0
}
