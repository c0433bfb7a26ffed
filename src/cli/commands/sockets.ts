import { PortwardenError } from '../../shared/errors'
import { createAppServices } from '../../main/services/app-services'
import { printJson, table } from '../output'
import type { Command } from '../command'

export const socketsCommand: Command = {
  name: 'sockets',
  summary: 'List TCP and UDP sockets with their owning processes',
  usage: 'portwarden sockets [--port N] [--process NAME] [--json]',
  options: { port: { type: 'string' }, process: { type: 'string' } },
  run({ json, values }) {
    const portText = values['port'] as string | undefined
    if (portText !== undefined && !/^\d{1,5}$/.test(portText)) {
      throw new PortwardenError('invalid-input', `--port must be a port number, got "${portText}"`)
    }
    const name = (values['process'] as string | undefined)?.toLowerCase()
    const listing = createAppServices().backend.listSockets()
    const sockets = listing.sockets.filter(
      (s) =>
        (portText === undefined || s.localPort === Number(portText)) &&
        (name === undefined || s.owners.some((o) => o.name.toLowerCase().includes(name))),
    )
    if (json) {
      printJson({ ...listing, sockets })
      return 0
    }
    console.log(
      table(
        ['PROTO', 'STATE', 'LOCAL', 'REMOTE', 'PROCESS'],
        sockets.map((s) => [
          `${s.protocol}${s.family === 'ipv6' ? '6' : ''}`,
          s.state,
          `${s.localAddress}:${s.localPort}`,
          s.remotePort ? `${s.remoteAddress}:${s.remotePort}` : '*',
          s.owners.map((o) => `${o.name}(${o.pid})`).join(',') || '-',
        ]),
      ),
    )
    const note =
      listing.source === 'proc' ? ' (/proc/net: bound-but-idle TCP sockets are not shown)' : ''
    console.error(`${sockets.length} sockets, read via ${listing.source}${note}`)
    return 0
  },
}
