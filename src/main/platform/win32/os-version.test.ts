import { describe, expect, it } from 'vitest'
import {
  readOsVersion,
  requireRuntimeReservations,
  RUNTIME_RESERVATIONS_MIN_BUILD,
} from './os-version'

describe('the build gate for runtime reservations (msquic: RS5, build 17763)', () => {
  it('lets 17763 and later through', () => {
    expect(RUNTIME_RESERVATIONS_MIN_BUILD).toBe(17763)
    expect(() => requireRuntimeReservations(17763, 'reserve')).not.toThrow()
    expect(() => requireRuntimeReservations(26100, 'reserve')).not.toThrow()
  })

  it('refuses older builds as not-supported, naming the build and what still works', () => {
    expect(() => requireRuntimeReservations(17134, 'reserve TCP ports')).toThrow(
      expect.objectContaining({
        kind: 'not-supported',
        message: expect.stringMatching(
          /^Could not reserve TCP ports: .*1809.*build 17134\. Persistent/,
        ),
      }),
    )
  })

  it('off Windows, reading the version is not-supported rather than a crash', () => {
    expect(() => readOsVersion()).toThrow(expect.objectContaining({ kind: 'not-supported' }))
  })
})
