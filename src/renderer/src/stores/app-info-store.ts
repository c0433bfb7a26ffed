import { create } from 'zustand'
import type { AppInfo } from '../../../shared/model'
import { ipc } from '../ipc/client'

export const useAppInfoStore = create<{ info?: AppInfo }>()(() => ({}))

export function loadAppInfo(): void {
  void ipc.appInfo().then((info) => useAppInfoStore.setState({ info }))
}
