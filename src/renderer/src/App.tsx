import { useEffect } from 'react'
import { ReserveForm } from './features/reserve/ReserveForm'
import { RuntimeTable } from './features/runtime/RuntimeTable'
import { loadAppInfo, useAppInfoStore } from './stores/app-info-store'
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
    </header>
  )
}

export function App() {
  useEffect(() => {
    loadAppInfo()
    startRuntimeSync()
  }, [])
  return (
    <>
      <Header />
      <main>
        <ReserveForm />
        <RuntimeTable />
      </main>
    </>
  )
}
