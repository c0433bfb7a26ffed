import { describe, expect, it } from 'vitest'
import { cached } from './cached'

describe('cached (pure)', () => {
  it('reads once per ttl, and again after invalidate', () => {
    let t = 0
    let reads = 0
    const get = cached(
      () => ++reads,
      10_000,
      () => t,
    )
    expect([get(), get()]).toEqual([1, 1])
    t = 9_999
    expect(get()).toBe(1)
    t = 10_000
    expect(get()).toBe(2)
    get.invalidate()
    expect(get()).toBe(3)
  })

  it('does not cache a failed read', () => {
    let fail = true
    const get = cached(() => {
      if (fail) throw new Error('netsh failed')
      return 'ok'
    }, 10_000)
    expect(() => get()).toThrow('netsh failed')
    fail = false
    expect(get()).toBe('ok')
  })
})
