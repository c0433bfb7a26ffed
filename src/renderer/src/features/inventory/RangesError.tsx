import { useInventoryStore } from '../../stores/inventory-store'

/**
 * Said where range lists are shown when the last reading could not read them (netsh failing
 * on Windows, or printing no table): what is listed is the last list read, or nothing if none
 * ever was — unknown, which an empty list must not pass for "no ranges".
 */
export function RangesError() {
  const error = useInventoryStore((s) => s.status?.rangesError)
  if (!error) return null
  return (
    <p className="error-note" role="alert">
      The port ranges could not be read: {error} What is shown is the last list read, if any.
    </p>
  )
}

/** Whether the range lists are unknown right now (see RangesError). */
export const useRangesUnknown = (): boolean =>
  useInventoryStore((s) => Boolean(s.status?.rangesError))
