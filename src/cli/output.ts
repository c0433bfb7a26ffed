import type { RuntimeReservation } from '../shared/model'
import { formatSpan } from '../shared/ranges'

/** Left-aligned text columns, widths fitted to the content. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd()
  return [line(header), ...rows.map(line)].join('\n')
}

export const reservationCells = (r: RuntimeReservation): string[] => [
  r.token,
  r.protocol.toUpperCase(),
  formatSpan(r),
  String(r.count),
  r.acquiredAt,
]
export const reservationHeader = ['TOKEN', 'PROTO', 'PORTS', 'COUNT', 'ACQUIRED']

export const printJson = (value: unknown): void => {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n')
}
