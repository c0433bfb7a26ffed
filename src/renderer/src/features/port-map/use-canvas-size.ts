import { useEffect, useState, type RefObject } from 'react'

/**
 * The element's width in CSS pixels, kept current by a ResizeObserver, and a number that
 * changes when the OS switches between light and dark, so canvas colours can be read again.
 */
export function useCanvasSize(ref: RefObject<HTMLElement | null>): {
  width: number
  scheme: string
} {
  const [width, setWidth] = useState(0)
  const [scheme, setScheme] = useState('')
  useEffect(() => {
    const el = ref.current
    if (!el) return
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry!.contentRect.width)))
    observer.observe(el)
    return () => observer.disconnect()
  }, [ref])
  useEffect(() => {
    const query = matchMedia('(prefers-color-scheme: dark)')
    const update = () => setScheme(query.matches ? 'dark' : 'light')
    update()
    query.addEventListener('change', update)
    return () => query.removeEventListener('change', update)
  }, [])
  return { width, scheme }
}
