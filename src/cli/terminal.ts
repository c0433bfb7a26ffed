import { visible } from '../shared/visible'

export { visible }

/** Left-aligned text columns, widths fitted to the content; every cell made terminal-safe. */
export function table(header: string[], rows: string[][]): string {
  const safe = rows.map((r) => r.map(visible))
  const widths = header.map((h, i) => Math.max(h.length, ...safe.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd()
  return [line(header), ...safe.map(line)].join('\n')
}
