import type { InventoryDelta } from '../../src/shared/inventory'
import type { Inventory } from '../../src/main/services/inventory'

/** The next delta `inventory` delivers that passes `test`; rejects after `ms`. */
export function nextDelta(
  inventory: Pick<Inventory, 'onChange'>,
  test: (d: InventoryDelta) => boolean,
  ms = 10_000,
): Promise<InventoryDelta> {
  return new Promise<InventoryDelta>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no such delta in time')), ms)
    const off = inventory.onChange((d) => {
      if (!test(d)) return
      clearTimeout(timer)
      off()
      resolve(d)
    })
  })
}
