import { describe, expect, it } from 'vitest'
import { PortwardenError } from '../../../shared/errors'
import { persistentFromRanges } from './persistent-list'

describe('persistent reservations from the administered excluded ranges (pure)', () => {
  it('looks up a token for each administered range and protocol; system ranges are skipped', () => {
    const lookups: string[] = []
    const list = persistentFromRanges(
      [
        {
          protocols: ['tcp'],
          startPort: 50000,
          endPort: 50059,
          administered: true,
          origin: 'netsh',
        },
        {
          protocols: ['tcp'],
          startPort: 5357,
          endPort: 5357,
          administered: false,
          origin: 'netsh',
        },
        { protocols: ['udp'], startPort: 6000, endPort: 6000, administered: true, origin: 'netsh' },
      ],
      (protocol, span) => {
        lookups.push(`${protocol} ${span.startPort}+${span.count}`)
        if (protocol === 'udp') throw new PortwardenError('not-found', 'no such reservation')
        return 2n ** 60n + 7n
      },
    )
    expect(lookups).toEqual(['tcp 50000+60', 'udp 6000+1'])
    expect(list).toEqual([
      { protocol: 'tcp', startPort: 50000, count: 60, token: String(2n ** 60n + 7n) },
      { protocol: 'udp', startPort: 6000, count: 1 },
    ])
  })
})
