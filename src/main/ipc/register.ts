import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron'
import { invokeChannelNames, wireName } from '../../shared/contract'
import type { Result } from '../../shared/errors'
import type { HandlerRegistry } from './handlers'
import { isTrustedSender } from './trusted-sender'

const forbidden: Result<never> = {
  ok: false,
  error: {
    kind: 'forbidden-sender',
    message: 'This request did not come from a Portwarden window and was refused.',
  },
}

/** Registers every contract channel on ipcMain: sender check first, then the handler. */
export function registerIpc(
  handlers: HandlerRegistry,
  ourContents: () => readonly WebContents[],
  rendererUrl: string,
): () => void {
  for (const channel of invokeChannelNames) {
    ipcMain.handle(wireName(channel), (event: IpcMainInvokeEvent, input: unknown) =>
      isTrustedSender(event, ourContents, rendererUrl)
        ? handlers[channel](input)
        : Promise.resolve(forbidden),
    )
  }
  return () => invokeChannelNames.forEach((c) => ipcMain.removeHandler(wireName(c)))
}
