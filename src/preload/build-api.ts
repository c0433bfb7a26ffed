import {
  invokeChannelNames,
  pushChannelNames,
  wireName,
  type InvokeChannel,
  type InvokeInput,
  type InvokeOutput,
  type PushChannel,
  type PushPayload,
} from '../shared/contract'
import type { Result } from '../shared/errors'

/** How calls reach main: ipcRenderer in the app, a Playwright binding in the e2e bridge. */
export interface Transport {
  invoke(wireChannel: string, input: unknown): Promise<unknown>
  subscribe(wireChannel: string, listener: (payload: unknown) => void): () => void
}

type GroupOf<C extends string> = C extends `${infer G}:${string}` ? G : never
type InvokeFn<C extends InvokeChannel> = [InvokeInput<C>] extends [undefined]
  ? () => Promise<Result<InvokeOutput<C>>>
  : (input: InvokeInput<C>) => Promise<Result<InvokeOutput<C>>>
type EventName<C extends string> = C extends `${infer G}:${infer E}`
  ? `on${Capitalize<G>}${Capitalize<E>}`
  : never

/** `api.runtime.reserve(input)` for channel `runtime:reserve`, and so on. */
export type InvokeApi = {
  [G in GroupOf<InvokeChannel>]: {
    [C in InvokeChannel as C extends `${G}:${infer A}` ? A : never]: InvokeFn<C>
  }
}
/** `api.events.onRuntimeChanged(listener)` → unsubscribe, for push channel `runtime:changed`. */
export type EventApi = {
  [C in PushChannel as EventName<C>]: (listener: (payload: PushPayload<C>) => void) => () => void
}

const eventName = (c: string) =>
  'on' +
  c
    .split(':')
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join('')

/** Builds the renderer's API from the contract: named functions only, never the raw transport. */
export function buildApi(transport: Transport): InvokeApi & { events: EventApi } {
  const api: Record<string, Record<string, unknown>> = { events: {} }
  for (const channel of invokeChannelNames) {
    const [group, action] = channel.split(':') as [string, string]
    api[group] ??= {}
    api[group][action] = (input?: unknown) => transport.invoke(wireName(channel), input)
  }
  for (const channel of pushChannelNames) {
    api.events![eventName(channel)] = (listener: (payload: unknown) => void) =>
      transport.subscribe(wireName(channel), listener)
  }
  return api as unknown as InvokeApi & { events: EventApi }
}
