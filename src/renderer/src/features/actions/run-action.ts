import type { RuntimeReservation } from '../../../../shared/model'
import { connectionOf } from '../../../../shared/connection'
import { formatSpan } from '../../../../shared/ranges'
import type { SocketEntry } from '../../../../shared/sockets'
import { describeError, ipc } from '../../ipc/client'
import { useRuntimeStore } from '../../stores/runtime-store'
import { socketColumnIds } from '../inventory/socket-columns'
import { askEnd, say, showWhy, useActionsStore } from './actions-store'
import { copyText, socketsTsv } from './copy-text'
import type { SocketAction } from './socket-actions'

const ends = (s: SocketEntry) =>
  `${s.protocol.toUpperCase()} ${s.localAddress}:${s.localPort} → ${s.remoteAddress}:${s.remotePort}`

export async function closeConnection(s: SocketEntry): Promise<void> {
  try {
    await ipc.closeSocket(connectionOf(s))
    say({ tone: 'ok', text: `Closed ${ends(s)}.` })
  } catch (err) {
    say({ tone: 'error', text: `Could not close ${ends(s)}.`, error: describeError(err) })
  }
}

export async function releaseBlock(token: string): Promise<void> {
  const store = useRuntimeStore.getState()
  await store.release(token)
  const failed = useRuntimeStore.getState().releaseError
  if (failed?.token === token)
    say({ tone: 'error', text: 'Could not release the block.', error: failed })
  else say({ tone: 'ok', text: `Released block ${token}.` })
}

/** Copies rows as TSV: the columns shown (what you see is what you paste). */
export async function copyRows(rows: readonly SocketEntry[]): Promise<void> {
  const n = rows.length
  const hidden = useActionsStore.getState().hiddenColumns
  const columns = socketColumnIds.filter((id) => !hidden.has(id))
  if (await copyText(socketsTsv(rows, columns.length ? columns : socketColumnIds)))
    say({ tone: 'ok', text: `Copied ${n} row${n === 1 ? '' : 's'} (tab-separated).` })
  else
    say({
      tone: 'error',
      text: 'The clipboard refused the copy.',
      error: { kind: 'not-supported', message: 'The clipboard refused the copy.' },
    })
}

/** Carries out one entry of socketActions() for socket `s`. */
export function runSocketAction(action: SocketAction, s: SocketEntry): void {
  switch (action.id) {
    case 'why':
      return showWhy(s.protocol, s.localPort, s)
    case 'end':
      return askEnd({
        pid: action.owner.pid,
        name: action.owner.name,
        user: action.owner.user,
        port: { protocol: s.protocol, port: s.localPort },
      })
    case 'close':
      return void closeConnection(s)
    case 'release':
      return void releaseBlock(action.token)
    case 'copy':
      return void copyRows([s])
  }
}

/**
 * Delete on a runtime row releases at once and offers Undo: the same block asked for again (it
 * may have been taken meanwhile, and then the message says so).
 */
export function offerUndoRelease(r: RuntimeReservation): void {
  const name = `${r.protocol.toUpperCase()} ${formatSpan(r)}`
  say({
    tone: 'ok',
    text: `Released ${name}.`,
    undo: async () => {
      try {
        const again = await ipc.reserve({
          protocol: r.protocol,
          startPort: r.startPort,
          count: r.count,
        })
        say({ tone: 'ok', text: `Reserved ${name} again (token ${again.token}).` })
      } catch (err) {
        say({ tone: 'error', text: `Could not reserve ${name} again:`, error: describeError(err) })
      }
    },
  })
}
