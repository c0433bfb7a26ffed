import { PortwardenError } from '../../shared/errors'
import type { SocketEntry } from '../../shared/sockets'
import { createBackend } from '../../main/platform'
import { portOption } from '../args'
import type { CommandRun } from '../command'
import { printJson } from '../output'
import { tableChunks } from '../terminal'
import {
  isListening,
  localEndpoint,
  parseState,
  remoteEndpoint,
  STATE_NAMES,
} from '../socket-format'
import { err, out } from '../stdio'

const owners = (s: SocketEntry) =>
  s.owners.map((o) => `${o.name}(pid=${o.pid}${o.user ? `,${o.user}` : ''})`).join(',') || '-'

export const run: CommandRun = ({ json, values }) => {
  const port = portOption('port', values['port'])
  const remotePort = portOption('remote-port', values['remote-port'])
  const protocol = values['protocol'] as string | undefined
  const stateText = values['state'] as string | undefined
  const state = stateText === undefined ? undefined : parseState(stateText)
  if (stateText !== undefined && !state)
    throw new PortwardenError(
      'invalid-input',
      `--state must be one of ${STATE_NAMES.join(', ')}; got "${stateText}"`,
    )
  if (state && values['listening'])
    throw new PortwardenError('invalid-input', '--state and --listening cannot be combined.')
  const name = (values['process'] as string | undefined)?.toLowerCase()

  const listing = createBackend().listSockets()
  const sockets = listing.sockets.filter(
    (s) =>
      (port === undefined || s.localPort === port) &&
      (remotePort === undefined || s.remotePort === remotePort) &&
      (protocol === undefined || s.protocol === protocol) &&
      (state === undefined || s.state === state) &&
      (!values['listening'] || isListening(s)) &&
      (name === undefined || s.owners.some((o) => o.name.toLowerCase().includes(name))),
  )
  if (json) printJson({ ...listing, sockets })
  else {
    const header = ['PROTO', 'STATE', 'LOCAL', 'PEER', 'PROCESS']
    const cells = (s: SocketEntry) => [
      s.protocol,
      s.state,
      localEndpoint(s),
      remoteEndpoint(s),
      owners(s),
    ]
    for (const chunk of tableChunks(header, sockets, cells)) out(chunk)
    const note =
      listing.source === 'proc' ? ' (/proc/net: bound-but-idle TCP sockets are not shown)' : ''
    err(`${sockets.length} sockets, read via ${listing.source}${note}`)
  }
  // Only worth saying when a socket shown here lacks its owner (TIME_WAIT never has one).
  const unseen = sockets.some((s) => s.inode !== 0 && s.owners.length === 0)
  if (!listing.ownersComplete && unseen)
    err(
      process.getuid?.() === 0
        ? 'Some sockets have no owner Portwarden can see: their processes run in another PID ' +
            'namespace or container.'
        : "Some owners could not be read: other users' processes are hidden from this user " +
            '(run as root to see them).',
    )
  return 0
}
