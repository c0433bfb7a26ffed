import { visible } from '../shared/visible'

export { visible }

const lineOf = (cells: string[], widths: number[]) =>
  cells
    .map((c, i) => c.padEnd(widths[i] ?? 0))
    .join('  ')
    .trimEnd()

/**
 * Left-aligned text columns fitted to the content, every cell made terminal-safe, yielded in
 * batches of lines: cells are made twice (once to measure, once to print) rather than kept, so
 * a table of 10,000 sockets is written without holding 50,000 cell strings and one large string.
 */
export function* tableChunks<T>(
  header: string[],
  items: readonly T[],
  cells: (item: T) => string[],
  batch = 1000,
): Generator<string> {
  const safeCells = (item: T) => cells(item).map(visible)
  const widths = header.map((h) => h.length)
  for (const item of items)
    safeCells(item).forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)))
  yield lineOf(header, widths)
  for (let i = 0; i < items.length; i += batch)
    yield items
      .slice(i, i + batch)
      .map((item) => lineOf(safeCells(item), widths))
      .join('\n')
}

/** The whole table as one string, for short tables. */
export const table = (header: string[], rows: string[][]): string =>
  [...tableChunks(header, rows, (r) => r)].join('\n')
