import { z } from 'zod'
import { BlockLabelRequest, BlockLabels } from './block-labels'
import { CompareResult, ExportResult } from './export'
import { InventoryDelta, InventorySnapshot } from './inventory'
import { HolderRecord } from './holders'
import {
  AppInfo,
  Port,
  ReleaseAllResult,
  ReserveRequest,
  RuntimeReservation,
  Token,
  TokenRequest,
} from './model'
import {
  ConnectionRequest,
  EndProcessRequest,
  EndProcessResult,
  NearestFreeAnswer,
  NearestFreeRequest,
  PidRequest,
  ProcessDetails,
  ServiceNames,
  ServiceNamesRequest,
} from './process-actions'
import { ReservedChange, ReservedChangeResult } from './reserved-change'
import { CheckPage, CheckPageRequest } from './check-page'
import { CheckRequest, MAX_CHECK_PORTS, PortVerdict } from './verdict'
import { WatchedPort, WatchedStatus, WatchKey } from './watch'

/** No input: the channel is called without an argument. */
const NoInput = z.undefined({ error: 'This call takes no input' })

/**
 * Every invoke channel, once: the renderer calls it, main parses `input`, answers with `output`
 * inside a result envelope. Channel names are `group:action`; preload turns them into
 * `api.group.action(input)`.
 */
export const invokeChannels = {
  'app:info': { input: NoInput, output: AppInfo },
  'runtime:list': { input: NoInput, output: z.array(RuntimeReservation) },
  'runtime:reserve': { input: ReserveRequest, output: RuntimeReservation },
  'runtime:release': { input: TokenRequest, output: RuntimeReservation },
  'runtime:releaseAll': { input: NoInput, output: ReleaseAllResult },
  'runtime:associateProbe': {
    input: TokenRequest,
    output: z.strictObject({ token: Token, port: Port }),
  },
  /** Blocks held by other running Portwardens (the CLI's `reserve`, another app). */
  'runtime:others': { input: NoInput, output: z.array(HolderRecord) },
  'inventory:snapshot': { input: NoInput, output: InventorySnapshot },
  'ports:check': {
    input: CheckRequest,
    // tcp and udp for every port at most (protocol "both")
    output: z.array(PortVerdict).max(2 * MAX_CHECK_PORTS),
  },
  /** A long check a page at a time (the app: 1-65535 never sends all verdicts at once). */
  'ports:checkPage': { input: CheckPageRequest, output: CheckPage },
  'reserved:add': { input: ReservedChange, output: ReservedChangeResult },
  'reserved:remove': { input: ReservedChange, output: ReservedChangeResult },
  'report:export': { input: NoInput, output: ExportResult },
  'report:compare': { input: NoInput, output: CompareResult },
  'watch:list': { input: NoInput, output: z.array(WatchedStatus) },
  'watch:add': { input: WatchedPort, output: z.array(WatchedStatus) },
  'watch:remove': { input: WatchKey, output: z.array(WatchedStatus) },
  /** Who a process is: executable, command line, user, start time, unit or service, container. */
  'process:details': { input: PidRequest, output: ProcessDetails },
  /** SIGTERM (or SIGKILL with force) and a short wait; another user's goes through elevation. */
  'process:end': { input: EndProcessRequest, output: EndProcessResult },
  /** Closes exactly one socket of any process (Linux SOCK_DESTROY, as `ss -K`). */
  'socket:close': { input: ConnectionRequest, output: z.strictObject({ closed: z.literal(true) }) },
  /** Well-known service names of ports (the OS's services file, then IANA's registry). */
  'ports:names': { input: ServiceNamesRequest, output: ServiceNames },
  /** The free block nearest a refused one (verified with real binds), to offer instead. */
  'ports:nearestFree': { input: NearestFreeRequest, output: NearestFreeAnswer },
  /** What each block is for, by range; set answers with all of them. */
  'labels:list': { input: NoInput, output: BlockLabels },
  'labels:set': { input: BlockLabelRequest, output: BlockLabels },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>

/**
 * Every main→renderer push channel, once. Pushes carry full snapshots, so a renderer that
 * reloads or misses one resyncs from the next (or from the matching list call).
 */
export const pushChannels = {
  'runtime:changed': z.array(RuntimeReservation),
  /** Only what changed since the last push; a renderer that missed one asks for a snapshot. */
  'inventory:changed': InventoryDelta,
  /** Every watched port with its verdict, whenever one changes. */
  'watch:changed': z.array(WatchedStatus),
} as const satisfies Record<string, z.ZodType>

export type InvokeChannel = keyof typeof invokeChannels
export type PushChannel = keyof typeof pushChannels
export type InvokeInput<C extends InvokeChannel> = z.input<(typeof invokeChannels)[C]['input']>
export type InvokeOutput<C extends InvokeChannel> = z.infer<(typeof invokeChannels)[C]['output']>
export type PushPayload<C extends PushChannel> = z.infer<(typeof pushChannels)[C]>

export const invokeChannelNames = Object.keys(invokeChannels) as InvokeChannel[]
export const pushChannelNames = Object.keys(pushChannels) as PushChannel[]

/** The prefix every Portwarden IPC channel carries on the wire. */
export const CHANNEL_PREFIX = 'portwarden:'
export const wireName = (channel: InvokeChannel | PushChannel): string => CHANNEL_PREFIX + channel
