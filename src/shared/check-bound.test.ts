import { describe, expect, it } from 'vitest'
import { invokeChannels } from './contract'
import { MAX_CHECK_PORTS, type PortVerdict } from './verdict'

describe('a port check answers for at most 65,535 ports per protocol (contract bound)', () => {
  const verdict: PortVerdict = {
    protocol: 'tcp',
    port: 40000,
    bindable: true,
    reasons: [{ code: 'free', blocking: false, message: 'Free.' }],
  }
  const answer = (n: number) =>
    invokeChannels['ports:check'].output.safeParse(Array(n).fill(verdict))

  it('accepts every port for both protocols, and not one verdict more', () => {
    expect(MAX_CHECK_PORTS).toBe(65_535)
    expect(answer(2 * MAX_CHECK_PORTS).success).toBe(true)
    expect(answer(2 * MAX_CHECK_PORTS + 1).success).toBe(false)
  })
})
