import { PortwardenError, toErrorInfo, type Result } from '../../shared/errors'
import {
  invokeChannels,
  type InvokeChannel,
  type InvokeInput,
  type InvokeOutput,
} from '../../shared/contract'
import { parseInput } from '../../shared/validate'
import { ANSWERS_CHECKED_WHERE_MADE } from './checked-where-made'
import type { AppServices } from '../services/app-services'
import { compareWithReport, exportReport } from '../services/report/export'
import { nearestFreeBlock } from '../services/nearest-free'
import { serviceNames } from '../services/service-names'
import type { ShellPorts } from '../services/shell-ports'

type Implementations = {
  [C in InvokeChannel]: (input: InvokeInput<C>) => InvokeOutput<C> | Promise<InvokeOutput<C>>
}

export type Handler = (input: unknown) => Promise<Result<unknown>>
export type HandlerRegistry = Record<InvokeChannel, Handler>

/** What each channel does, typed by the contract. */
function implementations(s: AppServices, shell?: ShellPorts): Implementations {
  const needShell = (): ShellPorts => {
    if (!shell)
      throw new PortwardenError('not-supported', 'Saving and opening files needs the desktop app.')
    return shell
  }
  return {
    'app:info': () => s.appInfo(),
    'runtime:list': () => s.runtime.list(),
    'runtime:reserve': (req) => s.runtime.reserve(req),
    'runtime:release': ({ token }) => s.runtime.release(token),
    'runtime:releaseAll': () => ({ released: s.runtime.releaseAll() }),
    'runtime:associateProbe': ({ token }) => s.runtime.associateProbe(token),
    'runtime:others': () => s.otherHolders(),
    'inventory:snapshot': () => s.inventory.ready(),
    'ports:check': (req) => s.checks.check(req),
    'ports:checkPage': (req) => s.checks.page(req),
    'reserved:add': (req) => s.reserved.add(req),
    'reserved:remove': (req) => s.reserved.remove(req),
    'report:export': () => exportReport(s, needShell()),
    'report:compare': () => compareWithReport(s, needShell()),
    'watch:list': () => s.watch.list(),
    'watch:add': (w) => s.watch.add(w),
    'watch:remove': (k) => s.watch.remove(k),
    'process:details': (req) => s.processes.details(req),
    'process:end': (req) => s.processes.endProcess(req),
    'socket:close': (req) => (s.processes.closeConnection(req), { closed: true as const }),
    'ports:names': (req) => serviceNames(req),
    'ports:nearestFree': (req) => nearestFreeBlock(req, s),
    'labels:list': () => s.labels.list(),
    'labels:set': (req) => s.labels.set(req),
  }
}

/**
 * The handler registry: for every contract channel, parse the untrusted input with the
 * channel's schema, call the service, and answer with a result envelope. Never throws.
 * Electron-free, so tests and the e2e bridge call exactly what ipcMain calls.
 */
export function createHandlers(services: AppServices, shell?: ShellPorts): HandlerRegistry {
  const impl = implementations(services, shell)
  const registry = {} as HandlerRegistry
  for (const channel of Object.keys(invokeChannels) as InvokeChannel[]) {
    const run = impl[channel] as (input: unknown) => unknown
    registry[channel] = async (raw) => {
      try {
        const { input, output } = invokeChannels[channel]
        const value = await run(parseInput(input, raw))
        // Answers are checked too: a renderer never sees a value the contract does not allow
        // (the inventory's where it is made, off main's thread: see checked-where-made.ts).
        if (ANSWERS_CHECKED_WHERE_MADE.has(channel)) return { ok: true, value }
        return { ok: true, value: output.parse(value) }
      } catch (err) {
        return { ok: false, error: toErrorInfo(err) }
      }
    }
  }
  return registry
}
