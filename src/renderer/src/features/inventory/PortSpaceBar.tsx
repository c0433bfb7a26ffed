import type { DynamicPortRange, ReservedRange } from '../../../../shared/inventory'

const MAX = 65535
const pct = (port: number) => `${((port - 1) / MAX) * 100}%`
const TICKS = [1, 16384, 32768, 49152, 65535]
const width = (start: number, end: number) => `${(Math.max(end - start + 1, 1) / MAX) * 100}%`

interface Props {
  dynamic: readonly DynamicPortRange[]
  reserved: readonly ReservedRange[]
}

/**
 * Ports 1–65535 drawn to scale: where the dynamic range lies and which reserved ranges cut
 * into it. Decorative (aria-hidden): the list beside it says the same in words. Positions go
 * through React style props (CSSOM), which the CSP allows, unlike style="" in HTML.
 */
export function PortSpaceBar({ dynamic, reserved }: Props) {
  return (
    <div className="port-space" aria-hidden="true">
      <div className="port-space-track">
        {dynamic.map((d) => (
          <span
            key={`d${d.startPort}`}
            className="port-space-dynamic"
            style={{ left: pct(d.startPort), width: width(d.startPort, d.endPort) }}
          />
        ))}
        {reserved.map((r) => (
          <span
            key={`r${r.startPort}`}
            className="port-space-reserved"
            style={{ left: pct(r.startPort), width: width(r.startPort, r.endPort) }}
          />
        ))}
      </div>
      <div className="port-space-scale">
        {TICKS.map((port) => (
          <span key={port} style={{ left: pct(port) }}>
            {port}
          </span>
        ))}
      </div>
    </div>
  )
}
