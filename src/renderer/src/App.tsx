import { useEffect } from 'react'
import { Tabs, type TabSpec } from './components/Tabs'
import { ActionsLayer } from './features/actions/ActionsLayer'
import { MessageArea } from './features/actions/MessageArea'
import { AppHeader } from './features/dashboard/AppHeader'
import { OverviewPanel } from './features/overview/OverviewPanel'
import { DynamicRangeView } from './features/inventory/DynamicRangeView'
import { InventoryStatusBar } from './features/inventory/InventoryStatusBar'
import { PortCheck } from './features/inventory/PortCheck'
import { SocketsTable } from './features/inventory/SocketsTable'
import './features/report/report.css'
import { ReservedTab } from './features/reserved/ReservedTab'
import { RuntimePanel } from './features/runtime/RuntimePanel'
import { useFindShortcut } from './features/shortcuts/use-find-shortcut'
import { useTabShortcuts } from './features/shortcuts/use-tab-shortcuts'
import { WatchedPortsPanel } from './features/watch/WatchedPortsPanel'
import { loadAppInfo } from './stores/app-info-store'
import { startHoldersSync } from './stores/holders-store'
import { startInventorySync } from './stores/inventory-store'
import { startRuntimeSync } from './stores/runtime-store'
import { showTab, useUiStore, type TabId } from './stores/ui-store'
import { startWatchSync } from './stores/watch-store'

/** The page's sections; the first (Overview) is shown at start. "Port check" stays last. */
const tabs: TabSpec<TabId>[] = [
  { id: 'overview', label: 'Overview', render: () => <OverviewPanel /> },
  { id: 'runtime', label: 'Runtime tokens', render: () => <RuntimePanel /> },
  { id: 'sockets', label: 'Ports in use', render: () => <SocketsTable /> },
  { id: 'reserved', label: 'Reserved ranges', render: () => <ReservedTab /> },
  { id: 'dynamic', label: 'Dynamic range', render: () => <DynamicRangeView /> },
  { id: 'watch', label: 'Watched ports', render: () => <WatchedPortsPanel /> },
  { id: 'check', label: 'Port check', render: () => <PortCheck /> },
]

const tabIds = tabs.map((t) => t.id)

export function App() {
  const tab = useUiStore((s) => s.tab)
  useFindShortcut()
  useTabShortcuts(tabIds, showTab)
  useEffect(() => {
    loadAppInfo()
    startRuntimeSync()
    startInventorySync()
    startWatchSync()
    startHoldersSync()
  }, [])
  return (
    <>
      <AppHeader />
      <MessageArea />
      <InventoryStatusBar />
      <main>
        <Tabs label="Portwarden sections" tabs={tabs} selected={tab} onSelect={showTab} />
      </main>
      <ActionsLayer />
    </>
  )
}
