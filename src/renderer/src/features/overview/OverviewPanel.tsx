import { OurBlocks } from './OurBlocks'
import { PortOrProcess } from './PortOrProcess'
import { WatchedSummary } from './WatchedSummary'
import './overview.css'

/**
 * The first screen: one box that answers "what about this port / this process?" as you type,
 * the watched ports with their state, and our blocks.
 */
export function OverviewPanel() {
  return (
    <div className="overview">
      <PortOrProcess />
      <div className="overview-side">
        <WatchedSummary />
        <OurBlocks />
      </div>
    </div>
  )
}
