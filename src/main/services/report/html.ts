import { createHash } from 'node:crypto'
import { MAP_COLORS, MAP_LABELS, type MapLayer, type MapSegment } from '../../../shared/port-map'
import type { Report } from '../../../shared/report'
import { REPORT_SCRIPT, REPORT_STYLE } from './html-assets'

const esc = (v: unknown): string => String(v).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

export function mapSegments(r: Report): MapSegment[] {
  const seg = (layer: MapLayer, startPort: number, endPort: number, label: string) => ({
    layer,
    startPort,
    endPort,
    label,
  })
  return [
    ...r.dynamicRanges.map((d) =>
      seg('dynamic', d.startPort, d.endPort, `dynamic ${d.startPort}–${d.endPort}`),
    ),
    ...r.reservedRanges.map((x) =>
      seg(
        x.administered ? 'reserved-admin' : 'reserved-system',
        x.startPort,
        x.endPort,
        `reserved ${x.startPort}–${x.endPort}`,
      ),
    ),
    ...r.runtime.flatMap((h) =>
      h.reservations.map((t) =>
        seg('runtime', t.startPort, t.startPort + t.count - 1, `token ${t.token}`),
      ),
    ),
    ...r.sockets.entries
      .filter((s) => s.state === 'LISTEN' || s.state === 'BOUND' || s.state === 'UNCONN')
      .map((s) =>
        seg(
          'in-use',
          s.localPort,
          s.localPort,
          `${s.protocol} ${s.localPort} ${s.owners[0]?.name ?? ''}`,
        ),
      ),
  ]
}

/** The port space as an inline SVG: one row per layer, 0–65535 left to right. */
function portMapSvg(r: Report): string {
  const W = 1000,
    ROW = 18
  const layers = Object.keys(MAP_COLORS) as MapLayer[]
  const x = (p: number) => (p / 65536) * W
  const rects = mapSegments(r).map((s) => {
    const y = layers.indexOf(s.layer) * (ROW + 4)
    const w = Math.max(x(s.endPort + 1) - x(s.startPort), 1)
    return `<rect x="${x(s.startPort).toFixed(2)}" y="${y}" width="${w.toFixed(2)}" height="${ROW}" fill="${MAP_COLORS[s.layer]}"><title>${esc(s.label)}</title></rect>`
  })
  const labels = layers.map(
    (l, i) => `<text x="${W + 8}" y="${i * (ROW + 4) + 13}">${esc(MAP_LABELS[l])}</text>`,
  )
  const ticks = [0, 1024, 16384, 32768, 49152, 65535].map(
    (p) =>
      `<text x="${x(p)}" y="${layers.length * (ROW + 4) + 14}" text-anchor="${p === 0 ? 'start' : p === 65535 ? 'end' : 'middle'}">${p}</text>`,
  )
  return `<svg class="port-map" role="img" aria-label="Port space 0–65535" viewBox="0 0 ${W + 190} ${layers.length * (ROW + 4) + 20}" xmlns="http://www.w3.org/2000/svg">${rects.join('')}${labels.join('')}${ticks.join('')}</svg>`
}

function table(caption: string, header: string[], rows: unknown[][]): string {
  const head = header.map((h) => `<th scope="col">${esc(h)}</th>`).join('')
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('\n')
  return `<section><h2>${esc(caption)} <small>(${rows.length})</small></h2><table class="sortable"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></section>`
}

const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`

/** A self-contained HTML report: no external resources; only its own script and style run. */
export function reportToHtml(r: Report): string {
  const csp = `default-src 'none'; style-src ${hash(REPORT_STYLE)}; script-src ${hash(REPORT_SCRIPT)}; img-src data:`
  const h = r.host
  const sections = [
    table(
      'Conflicts',
      ['Kind', 'Port', 'What'],
      r.conflicts.map((c) => [c.kind, c.port ?? '', c.message]),
    ),
    table(
      'Watched ports',
      ['Protocol', 'Port', 'Bindable', 'Why'],
      r.watched.map((v) => [
        v.protocol,
        v.port,
        v.bindable ? 'yes' : 'no',
        v.reasons.map((x) => x.message).join(' '),
      ]),
    ),
    table(
      'Runtime reservations',
      ['Token', 'Protocol', 'Ports', 'Count', 'Acquired', 'Holder'],
      r.runtime.flatMap((x) =>
        x.reservations.map((t) => [
          t.token,
          t.protocol,
          `${t.startPort}–${t.startPort + t.count - 1}`,
          t.count,
          t.acquiredAt,
          `${x.holder} pid ${x.pid}`,
        ]),
      ),
    ),
    table(
      'Persistent reservations',
      ['Protocol', 'Ports', 'Token'],
      r.persistent.map((p) => [
        p.protocol,
        `${p.startPort}–${p.startPort + p.count - 1}`,
        p.token ?? '',
      ]),
    ),
    table(
      'Reserved / excluded ranges',
      ['Ports', 'Protocols', 'Kind', 'Origin'],
      r.reservedRanges.map((x) => [
        `${x.startPort}–${x.endPort}`,
        x.protocols.join('+'),
        x.administered ? 'administered' : 'system',
        x.origin,
      ]),
    ),
    table(
      'Dynamic ranges',
      ['Ports', 'Protocols', 'Origin'],
      r.dynamicRanges.map((x) => [`${x.startPort}–${x.endPort}`, x.protocols.join('+'), x.origin]),
    ),
    table(
      `Ports in use (via ${r.sockets.source})`,
      ['Protocol', 'State', 'Local', 'Port', 'Remote', 'PID', 'Process', 'User'],
      r.sockets.entries.map((s) => [
        `${s.protocol}${s.family === 'ipv6' ? '6' : ''}`,
        s.state,
        s.localAddress,
        s.localPort,
        s.remotePort ? `${s.remoteAddress}:${s.remotePort}` : '',
        s.owners.map((o) => o.pid).join(' '),
        s.owners.map((o) => o.name).join(' '),
        s.owners.map((o) => o.user ?? '').join(' '),
      ]),
    ),
  ]
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>Portwarden report — ${esc(h.hostname)} — ${esc(r.generatedAt)}</title>
<style>${REPORT_STYLE}</style></head>
<body>
<h1>Portwarden report: ${esc(h.hostname)}</h1>
<p class="meta">${esc(r.generatedAt)} · ${esc(h.platform)} ${esc(h.osRelease)} · backend ${esc(h.backend)} · ${h.privileged ? 'elevated' : 'standard user'} · ${esc(r.generator)} · schema v${r.schemaVersion}</p>
${portMapSvg(r)}
${sections.join('\n')}
<script>${REPORT_SCRIPT}</script>
</body></html>
`
}
