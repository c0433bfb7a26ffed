import { useEffect, type RefObject } from 'react'

const NAME = 'filter-match'

/** The CSS Custom Highlight API (Chromium 105+): ranges painted without touching the DOM. */
interface HighlightApi {
  highlights: Map<string, unknown>
}
const api = () => (globalThis as unknown as { CSS?: Partial<HighlightApi> }).CSS?.highlights
const HighlightClass = () =>
  (globalThis as unknown as { Highlight?: new (...ranges: Range[]) => unknown }).Highlight

/**
 * Marks where the filter's words occur in the rows on screen (`::highlight(filter-match)`),
 * with ranges over the cells' text: the rows themselves are not re-rendered, so a 65,536-row
 * list scrolls as fast with a filter as without. Runs again after every render of the list.
 */
export function useFilterHighlight(query: string, container: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const highlights = api()
    const Highlight = HighlightClass()
    if (!highlights || !Highlight) return
    const terms = query.toLowerCase().split(/\s+/).filter(Boolean)
    const root = container.current
    if (!terms.length || !root) {
      highlights.delete(NAME)
      return
    }
    const ranges: Range[] = []
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!(node.parentElement?.closest('tbody td') ?? null)) continue
      const text = (node.textContent ?? '').toLowerCase()
      for (const term of terms) {
        for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + term.length)) {
          const range = new Range()
          range.setStart(node, at)
          range.setEnd(node, at + term.length)
          ranges.push(range)
        }
      }
    }
    highlights.set(NAME, new Highlight(...ranges))
  })
  useEffect(() => () => void api()?.delete(NAME), [])
}
