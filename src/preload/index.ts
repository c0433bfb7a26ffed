import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { buildApi } from './build-api'

const api = buildApi({
  invoke: (channel, input) => ipcRenderer.invoke(channel, input),
  subscribe(channel, listener) {
    const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload)
    ipcRenderer.on(channel, handler)
    return () => ipcRenderer.removeListener(channel, handler)
  },
})

contextBridge.exposeInMainWorld('api', api)

/** The renderer's `window.api` type, derived from the object exposed above. */
export type PortwardenApi = typeof api
