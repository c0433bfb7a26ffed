import { useEffect } from 'react'
import { Tabs, type TabSpec } from './components/Tabs'
import { DynamicRangeView } from './features/inventory/DynamicRangeView'
import { InventoryStatusBar } from './features/inventory/InventoryStatusBar'
import { PortCheck } from './features/inventory/PortCheck'
import { ReservedRangesTable } from './features/inventory/ReservedRangesTable'
import { SocketsTable } from './features/inventory/SocketsTable'
import { ReportActions } from './features/report/ReportActions'
import './features/report/report.css'
import { ReserveForm } from './features/reserve/ReserveForm'
import { RuntimeTable } from './features/runtime/RuntimeTable'
import { loadAppInfo, useAppInfoStore } from './stores/app-info-store'
import { startInventorySync } from './stores/inventory-store'
import { startRuntimeSync } from './stores/runtime-store'

function Header() {
  const info = useAppInfoStore((s) => s.info)
  return (
    <header className="app-header">
      <h1>Portwarden</h1>
      {info && (
        <dl className="facts">
          <dt>Host</dt>
          <dd>{info.hostname}</dd>
          <dt>Platform</dt>
          <dd>{info.platform}</dd>
          <dt>Backend</dt>
          <dd>{info.backend}</dd>
          <dt>Privileges</dt>
          <dd>{info.privileged ? 'elevated' : 'standard user'}</dd>
        </dl>
      )}
      <ReportActions />
    </header>
  )
}

/** The page's sections; the first is shown at start. */
const tabs: TabSpec[] = [
  {
    id: 'runtime',
    label: 'Runtime tokens',
    render: () => (
      <div className="runtime-panel">
        <ReserveForm />
        <RuntimeTable />
      </div>
    ),
  },
  { id: 'sockets', label: 'Ports in use', render: () => <SocketsTable /> },
  { id: 'reserved', label: 'Reserved ranges', render: () => <ReservedRangesTable /> },
  { id: 'dynamic', label: 'Dynamic range', render: () => <DynamicRangeView /> },
  { id: 'check', label: 'Port check', render: () => <PortCheck /> },
]

export function App() {
  useEffect(() => {
    loadAppInfo()
    startRuntimeSync()
    startInventorySync()
  }, [])
  return (
    <>
      <Header />
      <InventoryStatusBar />
      <main>
        <Tabs label="Portwarden sections" tabs={tabs} />
      </main>
    </>
  )
}
