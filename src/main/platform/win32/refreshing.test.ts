import { describe, expect, it } from 'vitest'
import { refreshing } from './refreshing'

describe('refreshing (ranges read once, then kept fresh in the background)', () => {
  it('reads synchronously once, then answers at once and refreshes asynchronously after the TTL', async () => {
    let t = 0
    let sync = 0
    let async = 0
    const r = refreshing(
      () => `sync${++sync}`,
      async () => `async${++async}`,
      100,
      () => t,
    )
    expect(r()).toBe('sync1')
    t = 50
    expect(r()).toBe('sync1')
    t = 150
    expect(r()).toBe('sync1') // stale answer at once, refresh started
    await Promise.resolve()
    await Promise.resolve()
    expect(r()).toBe('async1')
    expect([sync, async]).toEqual([1, 1])
  })

  it('after a failed background read, the next call reads synchronously and reports the failure', async () => {
    let t = 0
    let fail = false
    const r = refreshing(
      () => {
        if (fail) throw new Error('netsh failed')
        return 'ok'
      },
      () => Promise.reject(new Error('netsh failed')),
      10,
      () => t,
    )
    expect(r()).toBe('ok')
    t = 20
    r()
    await new Promise((resolve) => setTimeout(resolve, 0))
    fail = true
    expect(() => r()).toThrow('netsh failed')
  })

  it('invalidate() forgets the value and any background read in flight', async () => {
    let n = 0
    let release: (v: string) => void = () => {}
    let t = 0
    const r = refreshing(
      () => `sync${++n}`,
      () => new Promise<string>((resolve) => (release = resolve)),
      10,
      () => t,
    )
    r()
    t = 20
    r() // starts a background read
    r.invalidate()
    expect(r()).toBe('sync2')
    release('late') // the old read lands after the invalidation: ignored
    await Promise.resolve()
    await Promise.resolve()
    expect(r()).toBe('sync2')
  })
})
