import { useEffect, useState } from 'react'

interface Props {
  text: string
  /** Accessible name, e.g. "Copy fix for TCP 3000": several Copy buttons share a page. */
  label: string
}

const SHOW_COPIED_MS = 1500

/**
 * Copies `text` to the clipboard and says so for a moment. A refused clipboard (no permission,
 * no focus) is ignored: the text stays selectable beside the button.
 */
export function CopyButton({ text, label }: Props) {
  const [copied, setCopied] = useState(false)
  useEffect(() => {
    if (!copied) return
    const timer = setTimeout(() => setCopied(false), SHOW_COPIED_MS)
    return () => clearTimeout(timer)
  }, [copied])
  const copy = () => {
    navigator.clipboard?.writeText(text).then(
      () => setCopied(true),
      () => undefined,
    )
  }
  return (
    <button type="button" className="copy-button" aria-label={label} onClick={copy}>
      {copied ? 'Copied' : 'Copy'}
    </button>
  )
}
