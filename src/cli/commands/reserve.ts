import { PortwardenError } from '../../shared/errors'
import { formatSpan } from '../../shared/ranges'
import { createAppServices } from '../../main/services/app-services'
import { printJson } from '../output'
import type { Command } from '../command'

/** Whole decimal numbers only: "10" yes; "1e3", "0x10", "10abc" no. */
function integerOption(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback
  if (!/^\d{1,10}$/.test(text)) {
    throw new PortwardenError('invalid-input', `--${name} must be a whole number, got "${text}"`)
  }
  return Number(text)
}

export const reserveCommand: Command = {
  name: 'reserve',
  summary: 'Hold a block of ports until Ctrl-C',
  usage: 'portwarden reserve --protocol tcp|udp --count N [--start PORT] [--json]',
  options: {
    protocol: { type: 'string', default: 'tcp' },
    count: { type: 'string' },
    start: { type: 'string' },
  },
  async run({ json, values }) {
    const services = createAppServices({ publishAs: 'cli' })
    const reservation = services.runtime.reserve({
      protocol: values['protocol'] as 'tcp',
      startPort: integerOption('start', values['start'] as string | undefined, 0),
      count: integerOption('count', values['count'] as string | undefined, 1),
    })
    if (json) printJson(reservation)
    else {
      console.log(
        `Reserved ${reservation.protocol.toUpperCase()} ${formatSpan(reservation)} ` +
          `(${reservation.count} port${reservation.count === 1 ? '' : 's'}), token ${reservation.token}`,
      )
      console.log('Holding the ports until Ctrl-C…')
    }
    // The held sockets are raw descriptors libuv does not know about: without a timer Node
    // would see nothing to wait for, exit, and let the kernel free the ports at once.
    const keepAlive = setInterval(() => undefined, 1 << 30)
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve)
      process.once('SIGTERM', resolve)
      process.once('SIGHUP', resolve)
    })
    clearInterval(keepAlive)
    services.runtime.releaseAll()
    if (!json) console.log(`Released ${formatSpan(reservation)}.`)
    return 0
  },
}
